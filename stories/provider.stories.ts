// <so-provider>: a MemoryBackend client, the theme and a Stripe-style appearance for everything inside.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Appearance } from '../src/components/shared/appearance.js';

interface Args { theme: 'auto' | 'light' | 'dark'; lang: string; appearance?: Appearance }

const meta: Meta<Args> = {
  title: 'Elements/Provider',
  component: 'so-provider',
  args: { theme: 'auto', lang: 'en' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lang: { control: 'inline-radio', options: ['en', 'fr-CA'] },
  },
  render: (a) => html`<so-provider backend="memory" theme=${a.theme} lang=${a.lang} .appearance=${a.appearance}>
    <so-status-badge status="opinion_ready" show-next></so-status-badge>
    <so-status-badge status="info_requested"></so-status-badge>
    <so-status-badge status="declined"></so-status-badge>
  </so-provider>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Follows the system's light or dark setting. */
export const Default: Story = {};

/** An explicit dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };

/** A host brand through `appearance`: variables become --so-* tokens, rules style ::part()s. */
export const Branded: Story = {
  args: {
    appearance: {
      variables: { colorSuccess: '#00594f', colorSuccessBackground: '#e0f2ef', borderRadius: '999px', fontFamily: 'Georgia, serif' },
      rules: { 'so-status-badge::part(badge)': { paddingInline: '1rem' } },
    },
  },
};
