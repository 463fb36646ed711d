// <so-record-uploader> on MemoryBackend: each state it shows, the checklist, a folder of many
// files, French and the dark theme. Files are made in the browser; nothing leaves the page.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { createClient, MemoryBackend, type SecondOpinionClient } from '../src/core/index.js';
import { SoRecordUploader } from '../src/components/record-uploader/record-uploader.js';

SoRecordUploader.define();

interface Args { lang: string; 'max-size': number; needed: string; required: boolean }

const MiB = 1024 * 1024;
const pdf = (size: number, name: string) => new File([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(size)], name, { type: 'application/pdf' });
const exe = () => new File([Uint8Array.from([0x4d, 0x5a, 0x90, 0]), new Uint8Array(1024)], 'scan.pdf', { type: 'application/pdf' });

async function memoryCase(): Promise<{ client: SecondOpinionClient; caseId: string }> {
  const client = createClient({ backend: new MemoryBackend() });
  const c = await client.cases.create({ questions: ['Is surgery the best first step?'] });
  return { client, caseId: c.id };
}

// Renders the element and, once it is in the page, hands it to `drive` (once).
const withUploader = (a: Args, loaded: Record<string, unknown>, drive?: (el: SoRecordUploader) => void) => {
  let driven = false;
  const onRef = (el?: Element) => {
    if (!el || driven || !drive) return;
    driven = true;
    void (el as SoRecordUploader).updateComplete.then(() => drive(el as SoRecordUploader));
  };
  return html`<so-record-uploader ${ref(onRef)} .client=${loaded['client']} case-id=${loaded['caseId'] as string} lang=${a.lang}
    max-size=${a['max-size']} needed=${a.needed} ?required=${a.required}></so-record-uploader>`;
};

const meta: Meta<Args> = {
  title: 'Elements/Record uploader',
  component: 'so-record-uploader',
  args: { lang: 'en', 'max-size': 512 * MiB, needed: 'pathology imaging', required: false },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'fr-CA'] } },
  loaders: [memoryCase],
  render: (a, { loaded }) => withUploader(a, loaded),
};
export default meta;

type Story = StoryObj<Args>;

/** Nothing chosen yet: the drop zone and the checklist of what the case needs. */
export const Empty: Story = {};

/** Files chosen, each with a guessed kind and a neutral title the person can change. */
export const Ready: Story = {
  render: (a, { loaded }) => withUploader(a, loaded, (el) => el.addFiles([pdf(200_000, 'biopsy.pdf'), pdf(300_000, 'lab.pdf'), pdf(100_000, 'letter.pdf')])),
};

/** Sent: verified records tick the checklist; an executable renamed .pdf and an oversized file are not accepted. */
export const VerifiedAndRejected: Story = {
  args: { 'max-size': MiB },
  render: (a, { loaded }) => withUploader(a, loaded, (el) => {
    el.addFiles([pdf(200_000, 'biopsy.pdf'), exe(), pdf(2 * MiB, 'ct.pdf')]);
    el.send();
  }),
};

/** Big files in flight: some queued, some being checked (hashing), then paused. */
export const QueuedHashingPaused: Story = {
  render: (a, { loaded }) => withUploader(a, loaded, (el) => {
    el.addFiles(Array.from({ length: 6 }, (_, i) => pdf(96 * MiB, `scan-${i}.pdf`)));
    // The upload engine loads with the first file; updateComplete includes it, so the uploads exist after send().
    void el.updateComplete.then(() => {
      el.send();
      el.manager?.uploads[0]?.addEventListener('state', (e) => {
        if (e.state === 'uploading' || e.state === 'verified') el.pauseAll();
      });
    });
  }),
};

/** A record that could not be sent (the case is not this patient's: the backend says not found), with Try again. */
export const Failed: Story = {
  render: (a, { loaded }) => html`${withUploader(a, { ...loaded, caseId: 'not-a-case-of-yours' }, (el) => {
    el.addFiles([pdf(100_000, 'report.pdf')]);
    el.send();
  })}`,
};

/** A dropped imaging folder of 3,000 files: only the rows in view are rendered. */
export const FolderOfManyFiles: Story = {
  render: (a, { loaded }) => withUploader(a, loaded, (el) => el.addFiles(Array.from({ length: 3000 }, (_, i) => ({ file: new File([new Uint8Array(132)], `IM_${i}`), fromFolder: true })))),
};

/** In Canadian French. */
export const French: Story = {
  args: { lang: 'fr-CA' },
  render: (a, { loaded }) => withUploader(a, loaded, (el) => {
    el.addFiles([pdf(200_000, 'biopsie.pdf'), exe()]);
    el.send();
  }),
};

/** The dark theme, through the --so-color-scheme token. */
export const Dark: Story = {
  render: (a, { loaded }) => html`<div class="dark-frame">${withUploader(a, loaded, (el) => {
    el.style.setProperty('--so-color-scheme', 'dark');
    el.addFiles([pdf(200_000, 'biopsy.pdf')]);
  })}</div>`,
};
