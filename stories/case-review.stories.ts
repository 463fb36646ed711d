// <so-case-review>: one case for staff in both languages on MemoryBackend, in each state that offers
// different moves, for a coordinator and for a specialist, and a patient's token.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, ForbiddenError, MemoryBackend, type Case, type SecondOpinionClient } from '../src/core/index.js';
import { validRequest } from '../test/fixtures/requests.js';
import '../src/elements/staff.js';

type State = 'submitted' | 'triage' | 'info_requested' | 'accepted' | 'in_review' | 'declined';
interface Args { state: State; roles: string; lang: string }

const specialist = { name: 'Dr. Lee', specialty: 'Oncology' };
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A case with a report PDF on a fresh MemoryBackend, moved to `state` by the staff API. */
async function caseIn(state: State): Promise<{ client: SecondOpinionClient; caseId: string }> {
  const client = createClient({ backend: new MemoryBackend() });
  let c: Case = await client.cases.create(validRequest(), { submit: true });
  await client.staff.attachReport(c.id, new Blob([pdf], { type: 'application/pdf' }), 'Referral letter');
  const steps: Record<State, ((c: Case) => Promise<Case>)[]> = {
    submitted: [],
    triage: [(x) => client.staff.triage(x.id)],
    info_requested: [(x) => client.staff.triage(x.id), (x) => client.staff.requestInformation(x.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] })],
    accepted: [(x) => client.staff.triage(x.id), (x) => client.staff.accept(x.id, { specialist })],
    in_review: [(x) => client.staff.triage(x.id), (x) => client.staff.accept(x.id, { specialist }), (x) => client.staff.startReview(x.id)],
    declined: [(x) => client.staff.triage(x.id), (x) => client.staff.decline(x.id, { reason: 'This service does not review this kind of case.' })],
  };
  for (const step of steps[state]) c = await step(c);
  return { client, caseId: c.id };
}

const meta: Meta<Args> = {
  title: 'Elements/Case review',
  component: 'so-case-review',
  args: { state: 'triage', roles: 'coordinator', lang: 'en' },
  argTypes: {
    state: { control: 'select', options: ['submitted', 'triage', 'info_requested', 'accepted', 'in_review', 'declined'] },
    roles: { control: 'inline-radio', options: ['coordinator', 'specialist', 'coordinator specialist'] },
    lang: { control: 'inline-radio', options: ['en', 'fr-CA'] },
  },
  loaders: [async ({ args }) => caseIn((args as Args).state)],
  render: (a, { loaded }) => html`<so-case-review lang=${a.lang} roles=${a.roles} case-id=${loaded.caseId} .client=${loaded.client}></so-case-review>`,
};
export default meta;

type Story = StoryObj<Args>;

export const NewCase: Story = { args: { state: 'submitted' } };
export const Triage: Story = { args: { state: 'triage' } };
export const WaitingOnThePatient: Story = { args: { state: 'info_requested' } };
export const AcceptedForTheSpecialist: Story = { args: { state: 'accepted', roles: 'specialist' } };
export const InReview: Story = { args: { state: 'in_review', roles: 'specialist' } };
export const Declined: Story = { args: { state: 'declined' } };
export const NewCaseFrench: Story = { args: { state: 'submitted', lang: 'fr-CA' } };
export const TriageFrench: Story = { args: { state: 'triage', lang: 'fr-CA' } };
export const WaitingOnThePatientFrench: Story = { args: { state: 'info_requested', lang: 'fr-CA' } };
export const AcceptedForTheSpecialistFrench: Story = { args: { state: 'accepted', roles: 'specialist', lang: 'fr-CA' } };
export const InReviewFrench: Story = { args: { state: 'in_review', roles: 'specialist', lang: 'fr-CA' } };
export const DeclinedFrench: Story = { args: { state: 'declined', lang: 'fr-CA' } };

/** A patient's token: the staff list answers 403. */
export const PatientToken: Story = {
  loaders: [async () => {
    const { client, caseId } = await caseIn('submitted');
    client.staff.list = () => Promise.reject(new ForbiddenError({ status: 403 }));
    return { client, caseId };
  }],
};
export const PatientTokenFrench: Story = { ...PatientToken, args: { lang: 'fr-CA' } };
