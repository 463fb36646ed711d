// The editor's preview, loaded on demand: the draft rendered by the patient's own
// <so-opinion-summary> (registered here), given the case as it will be once issued.
import { html, type TemplateResult } from 'lit';
import type { Case } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import '../../elements/opinion-summary.js';
import type { OpinionDraft } from './opinion-editor.model.js';
import type { EditorMessages } from './opinion-editor.messages.js';
import { previewCase } from './opinion-preview.model.js';

/** What the preview needs from the editor. */
export interface PreviewView {
  case: Case;
  draft: OpinionDraft;
  words: EditorMessages;
  locale: Locale;
}

/** The preview's heading and intro, then the patient's summary of the draft (or what it still needs). */
export function renderPreview(v: PreviewView): TemplateResult {
  const preview = previewCase(v.case, v.draft, new Date().toISOString());
  return html`<h3 id="preview-heading">${v.words.previewHeading}</h3><p class="hint">${v.words.previewIntro}</p>
    ${preview ? html`<so-opinion-summary lang=${v.locale} .preview=${preview}></so-opinion-summary>` : html`<p role="status">${v.words.previewNeedsOutcome}</p>`}`;
}
