// <so-triage-queue>: the coordinator's inbox in both languages on MemoryBackend (its staff API moves
// the cases): every kind of "needs action", an empty filter, and a patient's token.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, ForbiddenError, MemoryBackend, type SecondOpinionClient } from '../src/core/index.js';
import { validRequest } from '../test/fixtures/requests.js';
import '../src/elements/staff.js';

interface Args { lang: string }

/** Cases in every state the queue speaks of: new, waiting on the patient, replied, accepted. */
async function inbox(): Promise<{ client: SecondOpinionClient }> {
  const client = createClient({ backend: new MemoryBackend() });
  const specialist = { name: 'Dr. Lee', specialty: 'Oncology' };
  const make = () => client.cases.create(validRequest({ urgency: 'soon' }), { submit: true });
  const waiting = await make();
  await client.staff.triage(waiting.id);
  await client.staff.requestInformation(waiting.id, { message: 'Please add your pathology report.', recordKinds: ['pathology'] });
  const replied = await make();
  await client.staff.triage(replied.id);
  await client.staff.requestInformation(replied.id, { message: 'Which hospital did the biopsy?', recordKinds: [] });
  await client.cases.reply(replied.id, { text: 'The General, in September.' });
  const accepted = await make();
  await client.staff.triage(accepted.id);
  await client.staff.accept(accepted.id, { specialist });
  await client.cases.create(validRequest(), { submit: true });
  return { client };
}

const meta: Meta<Args> = {
  title: 'Elements/Triage queue',
  component: 'so-triage-queue',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'fr-CA'] } },
  loaders: [inbox],
  render: (a, { loaded }) => html`<so-triage-queue lang=${a.lang} page-size="3" refresh-seconds="0" .client=${loaded.client}></so-triage-queue>`,
};
export default meta;

type Story = StoryObj<Args>;

/** New, waiting on the patient, the patient's reply in, accepted; three a page. */
export const Inbox: Story = {};
export const InboxFrench: Story = { args: { lang: 'fr-CA' } };

/** Nothing matches. */
export const Empty: Story = {
  loaders: [async () => ({ client: createClient({ backend: new MemoryBackend() }) })],
};
export const EmptyFrench: Story = { ...Empty, args: { lang: 'fr-CA' } };

/** A patient's token: the staff list answers 403. */
export const PatientToken: Story = {
  loaders: [async () => {
    const client = createClient({ backend: new MemoryBackend() });
    client.staff.list = () => Promise.reject(new ForbiddenError({ status: 403 }));
    return { client };
  }],
};
export const PatientTokenFrench: Story = { ...PatientToken, args: { lang: 'fr-CA' } };
