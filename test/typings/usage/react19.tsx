// React 19 JSX with every kit element, typed by second-opinion-kit/jsx-react: each event handler gets
// the kit's own event class, each property and attribute its own type.
import type {} from 'second-opinion-kit/jsx-react';
import type {
  SoActionRequiredEvent, SoAnotherOpinionEvent, SoBeforeUploadEvent, SoBeforeWithdrawEvent, SoCaseCreatedEvent,
  SoClientChangeEvent, SoErrorEvent, SoOpinionSharedEvent, SoRecordUploadedEvent, SoRequestForm, SoStatusChangedEvent,
  SoStepChangeEvent, SoUploadErrorEvent, SoUploadProgressEvent,
} from 'second-opinion-kit/elements';
import type { SoCaseMovedEvent, SoCaseOpenEvent, SoOpinionIssuedEvent } from 'second-opinion-kit/elements/staff.js';
import type { Case, Status } from 'second-opinion-kit';
import { useRef } from 'react';
import { assertType } from './assert-type.js';

const getAccessToken = async (): Promise<string> => 'token';

export function EveryElement({ onCase }: { onCase: (value: Case) => void }) {
  const form = useRef<SoRequestForm>(null);
  return (
    <so-provider backend="rest" endpoint="https://api.example.test" theme="dark" getAccessToken={getAccessToken}
      onso-error={(e) => assertType<SoErrorEvent>()(e).error.code}
      onso-client-change={(e) => assertType<SoClientChangeEvent>()(e)}>
      <so-request-form ref={form} hidden-fields="patient.givenName" autosave
        onso-step-change={(e) => assertType<SoStepChangeEvent>()(e).to}
        onso-case-created={(e) => { assertType<SoCaseCreatedEvent>()(e); e.preventDefault(); onCase(e.case); }} />
      <so-record-uploader case-id="c-1" max-size={1024} needed={['pathology', 'imaging']} required name="records"
        onso-upload-progress={(e) => assertType<SoUploadProgressEvent>()(e).progress}
        onso-record-uploaded={(e) => assertType<SoRecordUploadedEvent>()(e).record.id}
        onso-upload-error={(e) => assertType<SoUploadErrorEvent>()(e).willRetry}
        onso-before-upload={(e) => assertType<SoBeforeUploadEvent>()(e).mediaType} />
      <so-status-tracker case-id="c-1" page-size={20}
        onso-status-changed={(e) => assertType<SoStatusChangedEvent>()(e).status}
        onso-action-required={(e) => assertType<SoActionRequiredEvent>()(e).action}
        onso-before-withdraw={(e) => assertType<SoBeforeWithdrawEvent>()(e).caseId} />
      <so-opinion-summary case-id="c-1"
        onso-opinion-shared={(e) => assertType<SoOpinionSharedEvent>()(e).sharedAt}
        onso-another-opinion={(e) => assertType<SoAnotherOpinionEvent>()(e).previousCaseId} />
      <so-status-badge status={'submitted' satisfies Status} show-next />
      <so-triage-queue page-size={25} refresh-seconds={0}
        onso-case-open={(e) => { e.preventDefault(); return assertType<SoCaseOpenEvent>()(e).reference; }} />
      <so-case-review case-id="c-1" roles="coordinator" onso-case-moved={(e) => assertType<SoCaseMovedEvent>()(e).move} />
      <so-opinion-editor case-id="c-1" onso-opinion-issued={(e) => assertType<SoOpinionIssuedEvent>()(e).issuedAt} />
    </so-provider>
  );
}

/** A handler written for plain Event still fits: the typed event is an Event. */
export const plainHandler = <so-request-form onso-step-change={(e: Event) => e.type} />;

// What must not compile: each line below is an error the typings have to catch. (TypeScript lets any
// undeclared name with a dash through on an intrinsic element, so a misspelt event prop is not one.)
export const wrongEvents = (
  <>
    {/* @ts-expect-error TS2339 a step change carries no case */}
    <so-request-form onso-step-change={(e) => e.case} />
    {/* @ts-expect-error TS2322 a handler for another event's class */}
    <so-request-form onso-case-created={(e: SoStepChangeEvent) => e.index} />
    {/* @ts-expect-error TS2322 page-size takes a number, not an object */}
    <so-status-tracker page-size={{ size: 20 }} />
    {/* @ts-expect-error TS2322 not a status */}
    <so-status-badge status="lost" />
    {/* @ts-expect-error TS2322 the backend kinds are rest, fhir and memory */}
    <so-provider backend="graphql" />
    {/* @ts-expect-error TS2322 the theme is auto, light or dark */}
    <so-provider theme="blue" />
    {/* @ts-expect-error TS2339 a case open carries its id and reference, not the case */}
    <so-triage-queue onso-case-open={(e) => e.case} />
    {/* @ts-expect-error TS2339 a move says which move and the status, not the opinion */}
    <so-case-review onso-case-moved={(e) => e.opinion} />
    {/* @ts-expect-error TS2322 an event listener must be a function */}
    <so-opinion-summary onso-opinion-shared="share()" />
  </>
);
