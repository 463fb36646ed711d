// "Fill the opinion with an example": types a made-up opinion into <so-opinion-editor>'s form the way
// a person would (a value, then the input or change event the element listens to), with answers that
// answer the example request's questions, and attaches a small report PDF made in the browser. It
// reaches the form through the element's public parts (`form`, `question`) and its fields' names.
import { EXAMPLE_QUESTIONS } from './example.js';
import { tinyPdf } from './pdf.js';

// A canned answer that answers its question: the example's questions (either language) by their place.
function cannedAnswer(w, question) {
  const at = [...EXAMPLE_QUESTIONS.en, ...EXAMPLE_QUESTIONS.fr].indexOf(question.trim()) % EXAMPLE_QUESTIONS.en.length;
  return w.answers[at >= 0 ? at : w.answers.length - 1];
}

function type(field, value, event = 'input') {
  if (!field) return;
  field.value = value;
  field.dispatchEvent(new Event(event, { bubbles: true }));
}

/** Fills `editor`'s opinion form with the demo's words `w`; does nothing while it has no form. */
export function fillOpinion(editor, w) {
  const root = editor.shadowRoot;
  const form = root?.querySelector('[part~="form"]');
  if (!form) return;
  const named = (name) => form.elements.namedItem(name);
  type(named('outcome'), 'confirmed', 'change');
  type(named('summary'), w.summaryDefault);
  if (!named('diagnosis')?.value) type(named('diagnosis'), editor.case?.request?.diagnosis?.description ?? '');
  type(named('recommendations'), w.recommendationsDefault);
  for (const question of root.querySelectorAll('[part~="question"]')) {
    type(question.querySelector('textarea'), cannedAnswer(w, question.querySelector('.text')?.textContent ?? ''));
  }
  const report = named('report');
  if (report && !report.files?.length) {
    const c = editor.case;
    const pdf = tinyPdf(['Second opinion report', `Case ${c?.reference ?? ''}`, `Issued ${new Date().toISOString().slice(0, 10)}`, 'Demo document made by the demo page.']);
    const files = new DataTransfer();
    files.items.add(new File([pdf], 'second-opinion-report.pdf', { type: 'application/pdf' }));
    report.files = files.files;
    report.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
