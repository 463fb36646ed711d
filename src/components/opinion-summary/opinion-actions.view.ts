// The two forms of <so-opinion-summary>: share with the care team (a consented action) and a
// follow-up question. Loaded on demand, the first time an opinion offers either. A view: it draws
// what it is given and hands the intent back; the element owns the actions and their state.
import { css, html, nothing, type TemplateResult } from 'lit';
import { checkTransition } from '../../core/lifecycle/transitions.js';
import type { Status } from '../../core/model/codes.js';
import type { OpinionMessages } from './opinion-summary.messages.js';

/** The forms' own rules, adopted when the part loads. */
export const styles = [css`
  @layer so {
    label { font-weight: 600; }
    .check { display: flex; gap: calc(var(--_space) * 2); align-items: flex-start; margin-bottom: calc(var(--_space) * 3); }
    .check input { width: 1.25em; height: 1.25em; margin-top: 0.15em; flex: none; }
    textarea {
      font: inherit; color: inherit; background: var(--_background); box-sizing: border-box; width: 100%; min-height: 5em;
      border: 2px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 2); display: block; margin-top: var(--_space);
    }
    textarea[aria-invalid='true'], input[aria-invalid='true'] { outline: 2px solid var(--_danger); }
  }
`];

/** What a form draws: its words, whether its action is on its way, and what is wrong. */
interface FormView {
  readonly words: OpinionMessages;
  readonly busy: boolean;
  readonly problem?: string | undefined;
}

/** The share form: who it goes to, the consent box, Send. */
export interface ShareFormView extends FormView {
  readonly recipient?: string | undefined;
  readonly send: () => void;
}

/** The follow-up form: how many remain, the question box, Send. */
export interface FollowUpFormView extends FormView {
  readonly remaining: number;
  /** Called with the question as typed. */
  readonly send: (text: string) => void;
}

const submit = (run: (form: HTMLFormElement) => void) => (e: Event) => {
  e.preventDefault();
  run(e.currentTarget as HTMLFormElement);
};

/** The share form (the consent box is `#share-consent`, its problem `#share-error`). */
export function renderShareForm(v: ShareFormView): TemplateResult {
  const { words: m, busy, problem } = v;
  return html`<form @submit=${submit(() => v.send())} novalidate>
    <p>${m.shareIntro}${v.recipient ? html` ${m.shareTo(v.recipient)}` : nothing}</p>
    ${problem ? html`<p id="share-error" class="error">${problem}</p>` : nothing}
    <div class="check">
      <input id="share-consent" type="checkbox" aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? 'share-error' : nothing} ?disabled=${busy} />
      <label for="share-consent">${m.shareConsent}</label>
    </div>
    <button type="submit" ?disabled=${busy}>${busy ? m.shareSending : m.shareButton}</button>
  </form>`;
}

/** Whether the lifecycle table lets the patient ask a follow-up question of a case in `status`. */
export function followUpAllowed(status: Status): boolean {
  return checkTransition(status, 'follow_up', 'patient').ok;
}

/** The follow-up section (the box is `#follow-up`, its problem `#follow-up-error`). */
export function renderFollowUp(v: FollowUpFormView): TemplateResult {
  const { words: m, busy, problem } = v;
  return html`<section part="follow-up" aria-labelledby="follow-up-heading">
    <h3 id="follow-up-heading">${m.followUpHeading}</h3>
    <form @submit=${submit((form) => v.send(form.querySelector('textarea')?.value.trim() ?? ''))} novalidate>
      <p id="follow-up-hint">${m.followUpIntro(v.remaining)}</p>
      <label for="follow-up">${m.followUpLabel}</label>
      ${problem ? html`<p id="follow-up-error" class="error">${problem}</p>` : nothing}
      <textarea id="follow-up" name="follow-up" aria-describedby=${problem ? 'follow-up-hint follow-up-error' : 'follow-up-hint'} aria-invalid=${problem ? 'true' : 'false'} ?disabled=${busy}></textarea>
      <button type="submit" ?disabled=${busy}>${m.followUpSend}</button>
    </form>
  </section>`;
}
