// React 19 renders custom elements natively: properties are set as properties, and `on` + the exact
// event name (`onso-step-change`) adds a listener. The JSX typings come from second-opinion-kit/jsx-react:
// each handler receives the kit's own event class (SoStepChangeEvent, SoCaseCreatedEvent).
import type {} from 'second-opinion-kit/jsx-react';
import 'second-opinion-kit/elements/provider.js';
import 'second-opinion-kit/elements/request-form.js';
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
      <so-provider backend="rest" endpoint={endpoint} getAccessToken={getAccessToken}>
        <so-request-form
          onso-step-change={(event) => setStep(`${event.index} (${event.to})`)}
          onso-case-created={(event) => setReference(event.case.reference)}
        />
      </so-provider>
      {reference && <p role="status">Case {reference} created.</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
