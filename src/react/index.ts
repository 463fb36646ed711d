// React 18 wrappers (React 19 uses the tags directly, typed by dist/types/react-jsx.d.ts).
// Importing this module registers the elements, since React renders them by tag.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../elements/index.js';
import { SoProvider } from '../components/provider/provider.js';
import { SoStatusBadge } from '../components/status-badge/status-badge.js';
import type { SoClientChangeEvent, SoErrorEvent } from '../components/shared/events.js';

/** `<so-provider>` for React 18: `onError` and `onClientChange` map to `so-error` and `so-client-change`. */
export const Provider = createComponent({
  tagName: 'so-provider',
  elementClass: SoProvider,
  react: React,
  events: {
    onError: 'so-error' as EventName<SoErrorEvent>,
    onClientChange: 'so-client-change' as EventName<SoClientChangeEvent>,
  },
});

/** `<so-status-badge>` for React 18. */
export const StatusBadge = createComponent({
  tagName: 'so-status-badge',
  elementClass: SoStatusBadge,
  react: React,
});
