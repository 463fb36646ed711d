// <so-opinion-summary>: each outcome, shared and not consented, not ready, in both languages, on MemoryBackend.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, MemoryBackend, OUTCOMES, type Outcome } from '../src/core/index.js';
import { validRequest } from '../test/fixtures/requests.js';
import '../src/elements/opinion-summary.js';

interface Args { outcome: Outcome; lang: string; shared: boolean; consented: boolean; ready: boolean }

async function load(a: Args) {
  const client = createClient({ backend: new MemoryBackend() });
  const overrides = a.consented ? {} : { careTeam: { share: false }, consent: { version: '2026-11', acceptedAt: '2026-11-20T15:00:00Z', scopes: ['collect_and_review' as const] } };
  let c = await client.cases.create(validRequest(overrides), { submit: true });
  if (a.ready) {
    c = await client.staff.triage(c.id);
    c = await client.staff.accept(c.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology', credentials: 'MD, FRCPC' } });
    c = await client.staff.startReview(c.id);
    c = await client.staff.issueOpinion(c.id, {
      outcome: a.outcome, summary: 'Surgery first is the right plan for you.', diagnosis: 'Invasive ductal carcinoma, stage II',
      recommendations: ['Go ahead with surgery', 'Discuss radiation after surgery'],
      answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes: the evidence supports it in your case.' })),
    });
    if (a.shared) c = await client.cases.share(c.id);
  }
  return { client, caseId: c.id };
}

const meta: Meta<Args> = {
  title: 'Elements/Opinion summary',
  component: 'so-opinion-summary',
  args: { outcome: 'confirmed', lang: 'en', shared: false, consented: true, ready: true },
  argTypes: { outcome: { control: 'select', options: [...OUTCOMES] }, lang: { control: 'inline-radio', options: ['en', 'fr-CA'] } },
  loaders: [async ({ args }) => load(args as Args)],
  render: (a, { loaded }) => html`<so-opinion-summary lang=${a.lang} case-id=${loaded.caseId} .client=${loaded.client}></so-opinion-summary>`,
};
export default meta;

type Story = StoryObj<Args>;

/** "Confirmed", shown as the good news it is. */
export const Confirmed: Story = {};
export const Refined: Story = { args: { outcome: 'refined' } };
export const DifferentDiagnosis: Story = { args: { outcome: 'different_diagnosis' } };
export const TreatmentChange: Story = { args: { outcome: 'treatment_change' } };
export const InsufficientInformation: Story = { args: { outcome: 'insufficient_information' } };
export const Shared: Story = { args: { shared: true } };
export const NotConsented: Story = { args: { consented: false } };
export const NotReady: Story = { args: { ready: false } };
export const ConfirmedFrench: Story = { args: { lang: 'fr-CA' } };
export const RefinedFrench: Story = { args: { outcome: 'refined', lang: 'fr-CA' } };
export const DifferentDiagnosisFrench: Story = { args: { outcome: 'different_diagnosis', lang: 'fr-CA' } };
export const TreatmentChangeFrench: Story = { args: { outcome: 'treatment_change', lang: 'fr-CA' } };
export const InsufficientInformationFrench: Story = { args: { outcome: 'insufficient_information', lang: 'fr-CA' } };
export const SharedFrench: Story = { args: { shared: true, lang: 'fr-CA' } };
export const NotConsentedFrench: Story = { args: { consented: false, lang: 'fr-CA' } };
export const NotReadyFrench: Story = { args: { ready: false, lang: 'fr-CA' } };
