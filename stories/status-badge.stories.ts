// <so-status-badge>: every status in both languages, and one loaded live from MemoryBackend.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createClient, MemoryBackend, STATUSES } from '../src/core/index.js';

interface Args { status: string; lang: string; 'show-next': boolean }

const meta: Meta<Args> = {
  title: 'Elements/Status badge',
  component: 'so-status-badge',
  args: { status: 'submitted', lang: 'en', 'show-next': true },
  argTypes: {
    status: { control: 'select', options: [...STATUSES] },
    lang: { control: 'inline-radio', options: ['en', 'fr-CA'] },
  },
  render: (a) => html`<so-status-badge status=${a.status} lang=${a.lang} ?show-next=${a['show-next']}></so-status-badge>`,
};
export default meta;

type Story = StoryObj<Args>;

/** One status, with what happens next. */
export const Default: Story = {};

/** In Canadian French. */
export const French: Story = { args: { lang: 'fr-CA', status: 'info_requested' } };

/** Every status, side by side, in both languages. */
export const AllStatuses: Story = {
  render: () => html`${['en', 'fr-CA'].map((lang) => html`<p lang=${lang}>${STATUSES.map((s) => html`<so-status-badge status=${s}></so-status-badge> `)}</p>`)}`,
};

/** A case created on MemoryBackend, triaged by staff, loaded by case id through `.client`. */
export const FromMemoryBackend: Story = {
  loaders: [async () => {
    const client = createClient({ backend: new MemoryBackend() });
    const created = await client.cases.create({}, { submit: false });
    return { client, caseId: created.id };
  }],
  render: (_a, { loaded }) => html`<so-status-badge .client=${loaded.client} case-id=${loaded.caseId} show-next></so-status-badge>`,
};
