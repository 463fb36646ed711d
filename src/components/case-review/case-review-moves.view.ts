// The moves of <so-case-review>: a button per move the roles may make, and the form of the one that
// asks for something first (request information, accept with a specialist, decline with a reason).
// Loaded on demand, the first time a case offers a move. A view: it draws what it is given and hands
// intent back, never reaching into the review.
import { css, html, nothing, type TemplateResult } from 'lit';
import { recordKindText } from '../../core/i18n/record-kinds.js';
import type { Specialist } from '../../core/model/case.js';
import { RECORD_KINDS, type Locale, type RecordKind } from '../../core/model/codes.js';
import type { ReviewMessages } from './case-review.messages.js';
import { MOVES_WITH_FORM, type StaffMove } from './case-review.model.js';

/** The moves' own rules, adopted when they load. */
export const styles = [css`
  @layer so {
    .move-form { border: 2px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 4); margin-top: calc(var(--_space) * 3); }
    .move-form.decline { border-color: var(--_danger); }
    .move-form .field + .field { margin-top: calc(var(--_space) * 3); }
    .move-form input[type='text'] { width: 100%; }
    fieldset { border: none; padding: 0; margin: calc(var(--_space) * 3) 0 0; }
    legend { font-weight: 600; padding: 0; margin-bottom: var(--_space); }
    .kinds { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: var(--_space) calc(var(--_space) * 4); }
    .kinds label { font-weight: normal; display: flex; gap: calc(var(--_space) * 2); align-items: center; min-height: 44px; margin: 0; }
    .kinds input { min-height: auto; width: 1.25em; height: 1.25em; }
  }
`];

/** What the moves draw, and where their intent goes. */
export interface MovesView {
  readonly words: ReviewMessages;
  readonly locale: Locale;
  /** The moves the roles may make now, in order. */
  readonly offered: readonly StaffMove[];
  /** The move whose form is open. */
  readonly open: StaffMove | undefined;
  /** A move is on its way. */
  readonly busy: boolean;
  /** The open form's field problem, and the last refusal (with its form closed, or open). */
  readonly invalid: string | undefined;
  readonly error: string | undefined;
  /** A specialist to start from (the request's specialty). */
  readonly specialty: string;
  /** Runs a move without a form, or opens the form of one that has one. */
  choose(move: StaffMove): void;
  requestInformation(message: string, kinds: RecordKind[]): void;
  accept(specialist: Specialist): void;
  decline(reason: string): void;
  cancel(): void;
}

const label = (m: ReviewMessages, move: StaffMove): string =>
  ({ triage: m.moveTriage, start_review: m.moveStartReview, request_info: m.moveRequestInfo, accept: m.moveAccept, decline: m.moveDecline })[move];

/** The move buttons, the open form, and the refusal of the last move. */
export function renderMoves(view: MovesView): TemplateResult {
  const { words: m, offered, open, busy, error } = view;
  return html`<div part="moves" class="block">
    <h3 id="moves-heading">${m.movesHeading}</h3>
    ${error && !open ? html`<p id="move-error" part="error" class="error notice" role="alert" tabindex="-1">${error}</p>` : nothing}
    ${offered.length === 0 ? html`<p class="muted">${m.movesNone}</p>` : html`<div class="buttons">
      ${offered.map((move) => html`<button id=${`move-${move}`} type="button" data-move=${move} class=${move === 'decline' ? 'secondary' : ''}
        aria-expanded=${MOVES_WITH_FORM.includes(move) ? String(open === move) : nothing} ?disabled=${busy} @click=${() => view.choose(move)}>${label(m, move)}</button>`)}
    </div>`}
    ${open && offered.includes(open) ? renderForm(view, open) : nothing}
  </div>`;
}

function renderForm(view: MovesView, move: StaffMove): TemplateResult {
  const { words: m, busy, invalid, error } = view;
  const value = (form: HTMLFormElement, name: string) => ((form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '').trim();
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    if (move === 'request_info') {
      const kinds = [...form.querySelectorAll<HTMLInputElement>('input[name="kind"]:checked')].map((i) => i.value as RecordKind);
      view.requestInformation(value(form, 'message'), kinds);
    } else if (move === 'accept') {
      const credentials = value(form, 'credentials');
      view.accept({ name: value(form, 'name'), specialty: value(form, 'specialty'), ...(credentials ? { credentials } : {}) });
    } else view.decline(value(form, 'reason'));
  };
  const problem = invalid ? html`<p id="move-invalid" class="error">${invalid}</p>` : nothing;
  const described = (hint: string) => (invalid ? `${hint} move-invalid` : hint);
  const heading = move === 'request_info' ? m.requestInfoHeading : move === 'accept' ? m.acceptHeading : m.declineHeading;
  const fields = move === 'request_info'
    ? html`<div class="field"><label for="info-message">${m.requestInfoMessage}</label>
        <p id="info-hint" class="hint">${m.requestInfoHint}</p>${problem}
        <textarea id="info-message" name="message" maxlength="5000" aria-describedby=${described('info-hint')} aria-invalid=${invalid ? 'true' : 'false'} ?disabled=${busy}></textarea></div>
      <fieldset><legend>${m.requestInfoKinds}</legend><div class="kinds">
        ${RECORD_KINDS.map((k) => html`<label><input type="checkbox" name="kind" value=${k} ?disabled=${busy}>${recordKindText(k, view.locale).label}</label>`)}
      </div></fieldset>`
    : move === 'accept'
      ? html`${problem}
        <div class="field"><label for="specialist-name">${m.specialistName}</label>
          <input id="specialist-name" name="name" type="text" maxlength="200" autocomplete="off" aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'move-invalid' : nothing} ?disabled=${busy}></div>
        <div class="field"><label for="specialist-specialty">${m.specialistSpecialty}</label>
          <input id="specialist-specialty" name="specialty" type="text" maxlength="200" autocomplete="off" .value=${view.specialty} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'move-invalid' : nothing} ?disabled=${busy}></div>
        <div class="field"><label for="specialist-credentials">${m.specialistCredentials}</label>
          <input id="specialist-credentials" name="credentials" type="text" maxlength="200" autocomplete="off" ?disabled=${busy}></div>`
      : html`<div class="field"><label for="decline-reason">${m.declineReason}</label>
        <p id="decline-hint" class="hint">${m.declineHint}</p>${problem}
        <textarea id="decline-reason" name="reason" maxlength="2000" aria-describedby=${described('decline-hint')} aria-invalid=${invalid ? 'true' : 'false'} ?disabled=${busy}></textarea></div>`;
  return html`<form part="move-form" class="move-form ${move === 'decline' ? 'decline' : ''}" data-form=${move} aria-labelledby="move-heading" novalidate @submit=${submit}>
    <h4 id="move-heading" tabindex="-1">${heading}</h4>
    ${fields}
    ${error ? html`<p id="move-error" part="error" class="error" role="alert" tabindex="-1">${error}</p>` : nothing}
    <div class="buttons">
      <button type="submit" class=${move === 'decline' ? 'danger' : ''} ?disabled=${busy}>${busy ? m.sending : m.send}</button>
      <button type="button" class="secondary" ?disabled=${busy} @click=${() => view.cancel()}>${m.cancel}</button>
    </div>
  </form>`;
}
