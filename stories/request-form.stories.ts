// <so-request-form>: every step, the error state, insurer pre-filled mode, advocate mode, French
// and dark theme, all on MemoryBackend.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { createClient, MemoryBackend } from '../src/core/index.js';
import '../src/elements/request-form.js';
import type { SoRequestForm } from '../src/components/request-form/request-form.js';
import { STEPS, type StepId } from '../src/components/request-form/request-form.model.js';

interface Args { lang: string; step: StepId; errors: boolean; hidden: string; theme: 'light' | 'dark'; initial?: unknown }

const client = createClient({ backend: new MemoryBackend() });

const filled = {
  patient: { givenName: 'Marie-Ève', familyName: 'Tremblay', birthDate: '1968-04-12', jurisdiction: 'CA-QC', email: 'marie@example.ca', preferredLanguage: 'fr-CA', healthCardNumber: 'TREM 6804 1211' },
  requester: { relationship: 'self' },
  reasons: ['treatment_options'],
  specialty: 'oncology',
  diagnosis: { description: 'Breast cancer, stage II' },
  treatingPhysician: { name: 'Dr. Gagnon' },
  proposedTreatment: 'Mastectomy, then chemotherapy',
  questions: ['Is surgery the best first step?'],
  urgency: 'routine',
  consultationMode: 'records_review',
  referral: { path: 'family_doctor' },
  coverage: { kind: 'public', plan: 'CA-QC' },
};

// Steps are shown through the public API once the backend's offer has loaded.
async function show(el: SoRequestForm | null, a: Args): Promise<void> {
  if (!el) return;
  await client.config();
  await el.updateComplete;
  el.goTo(a.step);
  if (a.errors) el.next();
}

const meta: Meta<Args> = {
  title: 'Elements/Request form',
  component: 'so-request-form',
  args: { lang: 'en', step: 'who', errors: false, hidden: '', theme: 'light', initial: filled },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'fr-CA'] },
    step: { control: 'select', options: [...STEPS] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
  render: (a) => html`<so-request-form lang=${a.lang} hidden-fields=${a.hidden} .client=${client} .initial=${a.initial}
      .appearance=${{ theme: a.theme }} ${ref((el) => void show(el as SoRequestForm | undefined ?? null, a))}></so-request-form>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Step 1, empty. */
export const Who: Story = { args: { initial: undefined } };
/** Step 2. */
export const Diagnosis: Story = { args: { step: 'diagnosis' } };
/** Step 3. */
export const Questions: Story = { args: { step: 'questions' } };
/** Step 4. */
export const Coverage: Story = { args: { step: 'coverage' } };
/** Step 5. */
export const Records: Story = { args: { step: 'records' } };
/** Step 6. */
export const Review: Story = { args: { step: 'review' } };
/** Continue pressed on an empty first step: the summary and the messages beside fields. */
export const ErrorState: Story = { args: { initial: undefined, errors: true } };
/** An insurer portal: name, birth date and coverage pre-filled and hidden. */
export const InsurerPrefilled: Story = {
  args: {
    hidden: 'patient.givenName patient.familyName patient.birthDate coverage',
    initial: { ...filled, coverage: { kind: 'private', insurer: 'Great-West Life', memberNumber: 'GWL-123456' } },
  },
};
/** An advocate filling in for a patient. */
export const AdvocateMode: Story = { args: { initial: { ...filled, requester: { relationship: 'advocate', givenName: 'Sam', familyName: 'Lee', organization: 'Cancer network', email: 'sam@example.org' } } } };
/** In Canadian French. */
export const French: Story = { args: { lang: 'fr-CA', step: 'diagnosis' } };
/** Dark theme. */
export const DarkTheme: Story = { args: { theme: 'dark', step: 'review' } };
