// The opinions of the requests a case follows (third and fourth opinions), a part of
// <so-opinion-summary> loaded only for a case that follows another.
import { css, html, type TemplateResult } from 'lit';
import type { SecondOpinionClient } from '../../core/client/client.js';
import type { Case } from '../../core/model/case.js';
import { claimClientError } from '../shared/client-errors.js';
import type { OpinionMessages } from './opinion-summary.messages.js';
import { earlierOpinions, type EarlierOpinionView } from './opinion-summary.model.js';

/** The part's own rules, adopted when it loads. */
export const styles = [css`
  @layer so {
    .earlier { list-style: none; margin: 0; padding: 0; }
    .earlier li { border-top: 1px solid var(--_border); padding-top: calc(var(--_space) * 3); margin-bottom: calc(var(--_space) * 3); }
    .earlier .outcome { margin-bottom: calc(var(--_space) * 2); font-weight: 600; }
  }
`];

/** The earlier requests of `c`, read through `client` (an unreadable one ends the chain, its error claimed). */
export function loadEarlier(c: Case, client: SecondOpinionClient): Promise<EarlierOpinionView[]> {
  return earlierOpinions(c, (id) => client.cases.get(id), claimClientError);
}

/** The "Earlier opinions" section, nearest first. */
export function renderEarlier(chain: EarlierOpinionView[], m: OpinionMessages, date: (d: string) => string): TemplateResult {
  return html`<section part="earlier" aria-labelledby="earlier-heading">
    <h3 id="earlier-heading">${m.earlierHeading}</h3>
    <ol class="earlier">${chain.map((e) => html`<li data-case-id=${e.caseId}>
      <h4>${m.earlierRequest(e.reference)}</h4>
      ${e.opinion ? html`<p class="outcome ${e.opinion.tone}" data-outcome=${e.opinion.outcome}>${m.outcome[e.opinion.outcome].headline}</p>
        <p>${e.opinion.summary}</p>
        <p class="muted">${e.opinion.specialist.name} · ${m.issuedOn(date(e.opinion.issuedAt))}</p>` : html`<p class="muted">${m.earlierNoOpinion}</p>`}
    </li>`)}</ol>
  </section>`;
}
