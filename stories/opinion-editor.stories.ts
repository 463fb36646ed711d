// <so-opinion-editor>: the specialist's opinion in both languages on MemoryBackend: a case in review,
// follow-up questions after an opinion, a case not yet in review, and a patient's token.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, ForbiddenError, MemoryBackend, type SecondOpinionClient } from '../src/core/index.js';
import { validRequest } from '../test/fixtures/requests.js';
import '../src/elements/staff.js';

type State = 'in_review' | 'follow_up' | 'accepted';
interface Args { state: State; lang: string }

async function caseIn(state: State): Promise<{ client: SecondOpinionClient; caseId: string }> {
  const client = createClient({ backend: new MemoryBackend() });
  const c = await client.cases.create(validRequest({ questions: ['Is surgery the best first step?', 'What if I wait a month?'] }), { submit: true });
  await client.staff.triage(c.id);
  await client.staff.accept(c.id, { specialist: { name: 'Dr. Lee', specialty: 'Oncology' } });
  if (state === 'accepted') return { client, caseId: c.id };
  await client.staff.startReview(c.id);
  if (state === 'follow_up') {
    await client.staff.issueOpinion(c.id, { outcome: 'refined', summary: 'Surgery first, with a shorter wait.', recommendations: ['Surgery within three weeks'], answers: c.questions.map((q) => ({ questionId: q.id, text: 'Yes.' })) });
    await client.cases.followUp(c.id, { text: 'What happens after surgery?' });
  }
  return { client, caseId: c.id };
}

const meta: Meta<Args> = {
  title: 'Elements/Opinion editor',
  component: 'so-opinion-editor',
  args: { state: 'in_review', lang: 'en' },
  argTypes: {
    state: { control: 'select', options: ['in_review', 'follow_up', 'accepted'] },
    lang: { control: 'inline-radio', options: ['en', 'fr-CA'] },
  },
  loaders: [async ({ args }) => caseIn((args as Args).state)],
  render: (a, { loaded }) => html`<so-opinion-editor lang=${a.lang} case-id=${loaded.caseId} .client=${loaded.client}></so-opinion-editor>`,
};
export default meta;

type Story = StoryObj<Args>;

export const InReview: Story = {};
/** The patient asked a follow-up question: only it needs an answer; the opinion's text is kept. */
export const FollowUp: Story = { args: { state: 'follow_up' } };
/** Not in review yet: nothing to write. */
export const NotInReview: Story = { args: { state: 'accepted' } };
export const InReviewFrench: Story = { args: { lang: 'fr-CA' } };
export const FollowUpFrench: Story = { args: { state: 'follow_up', lang: 'fr-CA' } };
export const NotInReviewFrench: Story = { args: { state: 'accepted', lang: 'fr-CA' } };

/** A patient's token: the staff list answers 403. */
export const PatientToken: Story = {
  loaders: [async () => {
    const { client, caseId } = await caseIn('in_review');
    client.staff.list = () => Promise.reject(new ForbiddenError({ status: 403 }));
    return { client, caseId };
  }],
};
export const PatientTokenFrench: Story = { ...PatientToken, args: { lang: 'fr-CA' } };
