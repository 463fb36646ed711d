// <so-status-tracker>: every status (and the list) in both languages, on MemoryBackend moved by its staff API.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, MemoryBackend, type Case, type SecondOpinionClient } from '../src/core/index.js';
import { validRequest } from '../test/fixtures/requests.js';
import '../src/elements/status-tracker.js';

type State = 'submitted' | 'triage' | 'info_requested' | 'accepted' | 'in_review' | 'opinion_ready' | 'declined' | 'withdrawn';
interface Args { state: State; lang: string }

const specialist = { name: 'Dr. Lee', specialty: 'Oncology' };

/** A case on a fresh MemoryBackend, moved to `state` by the staff API. */
async function caseIn(state: State): Promise<{ client: SecondOpinionClient; caseId: string }> {
  const client = createClient({ backend: new MemoryBackend() });
  let c: Case = await client.cases.create(validRequest(), { submit: true });
  const steps: Record<State, ((c: Case) => Promise<Case>)[]> = {
    submitted: [],
    triage: [(x) => client.staff.triage(x.id)],
    info_requested: [(x) => client.staff.triage(x.id), (x) => client.staff.requestInformation(x.id, { message: 'Please add your pathology report from September.', recordKinds: ['pathology'] })],
    accepted: [(x) => client.staff.triage(x.id), (x) => client.staff.accept(x.id, { specialist })],
    in_review: [(x) => client.staff.triage(x.id), (x) => client.staff.accept(x.id, { specialist }), (x) => client.staff.startReview(x.id)],
    opinion_ready: [(x) => client.staff.triage(x.id), (x) => client.staff.accept(x.id, { specialist }), (x) => client.staff.startReview(x.id),
      (x) => client.staff.issueOpinion(x.id, { outcome: 'confirmed', summary: 'Surgery first is right.', recommendations: [], answers: x.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) })],
    declined: [(x) => client.staff.triage(x.id), (x) => client.staff.decline(x.id, { reason: 'This service does not review this kind of case.' })],
    withdrawn: [(x) => client.cases.withdraw(x.id, {})],
  };
  for (const step of steps[state]) c = await step(c);
  return { client, caseId: c.id };
}

const meta: Meta<Args> = {
  title: 'Elements/Status tracker',
  component: 'so-status-tracker',
  args: { state: 'info_requested', lang: 'en' },
  argTypes: {
    state: { control: 'select', options: ['submitted', 'triage', 'info_requested', 'accepted', 'in_review', 'opinion_ready', 'declined', 'withdrawn'] },
    lang: { control: 'inline-radio', options: ['en', 'fr-CA'] },
  },
  loaders: [async ({ args }) => caseIn((args as Args).state)],
  render: (a, { loaded }) => html`<so-status-tracker lang=${a.lang} case-id=${loaded.caseId} .client=${loaded.client}></so-status-tracker>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Submitted: Story = { args: { state: 'submitted' } };
export const Triage: Story = { args: { state: 'triage' } };
/** Waiting for the patient: the clock is paused and names the record wanted. */
export const InformationRequested: Story = { args: { state: 'info_requested' } };
export const Accepted: Story = { args: { state: 'accepted' } };
export const InReview: Story = { args: { state: 'in_review' } };
export const OpinionReady: Story = { args: { state: 'opinion_ready' } };
export const Declined: Story = { args: { state: 'declined' } };
export const Withdrawn: Story = { args: { state: 'withdrawn' } };
export const SubmittedFrench: Story = { args: { state: 'submitted', lang: 'fr-CA' } };
export const TriageFrench: Story = { args: { state: 'triage', lang: 'fr-CA' } };
export const InformationRequestedFrench: Story = { args: { state: 'info_requested', lang: 'fr-CA' } };
export const AcceptedFrench: Story = { args: { state: 'accepted', lang: 'fr-CA' } };
export const InReviewFrench: Story = { args: { state: 'in_review', lang: 'fr-CA' } };
export const OpinionReadyFrench: Story = { args: { state: 'opinion_ready', lang: 'fr-CA' } };
export const DeclinedFrench: Story = { args: { state: 'declined', lang: 'fr-CA' } };
export const WithdrawnFrench: Story = { args: { state: 'withdrawn', lang: 'fr-CA' } };

/** Without case-id: the caller's cases, two per page. */
export const List: Story = {
  loaders: [async () => {
    const client = createClient({ backend: new MemoryBackend() });
    for (let i = 0; i < 3; i++) await client.cases.create(validRequest(), { submit: true });
    return { client };
  }],
  render: (a, { loaded }) => html`<so-status-tracker lang=${a.lang} page-size="2" .client=${loaded.client}></so-status-tracker>`,
};
export const ListFrench: Story = { ...List, args: { lang: 'fr-CA' } };
