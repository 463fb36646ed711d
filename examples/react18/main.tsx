// React 18 does not pass properties or listen to events on custom elements, so it uses the kit's
// @lit/react wrappers from second-opinion-kit/react: props become properties, onX become listeners.
import { Provider, RequestForm } from 'second-opinion-kit/react';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { apiEndpoint, demoTokenGetter } from '../shared/demo-session.js';

function App() {
  const endpoint = apiEndpoint();
  const getAccessToken = useMemo(() => demoTokenGetter(endpoint), [endpoint]);
  const [step, setStep] = useState<string>('who');
  const [reference, setReference] = useState<string>();

  return (
    <main>
      <h1>Ask for a second opinion</h1>
      <p data-testid="step">Current step: {step}</p>
      <Provider backend="rest" endpoint={endpoint} getAccessToken={getAccessToken}>
        <RequestForm
          onStepChange={(event) => setStep(`${event.index} (${event.to})`)}
          onCaseCreated={(event) => setReference(event.case.reference)}
        />
      </Provider>
      {reference && <p role="status">Case {reference} created.</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
