// React 18 wrappers of the reviewing side's elements (React 19 uses the tags directly, typed by
// dist/types/react-jsx.d.ts). Importing this module registers the staff elements only: pair it with
// `Provider` from `second-opinion-kit/react` (or the `<so-provider>` tag) on staff pages.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { SoTriageQueue, SoCaseReview, SoOpinionEditor } from '../elements/staff.js';
import type { SoCaseOpenEvent } from '../components/triage-queue/triage-queue.events.js';
import type { SoCaseMovedEvent } from '../components/case-review/case-review.events.js';
import type { SoOpinionIssuedEvent } from '../components/opinion-editor/opinion-editor.events.js';

/** `<so-triage-queue>` for React 18: `onCaseOpen` maps to the cancelable `so-case-open`. */
export const TriageQueue = createComponent({
  tagName: 'so-triage-queue',
  elementClass: SoTriageQueue,
  react: React,
  events: { onCaseOpen: 'so-case-open' as EventName<SoCaseOpenEvent> },
});

/** `<so-case-review>` for React 18: `onCaseMoved` maps to `so-case-moved`. */
export const CaseReview = createComponent({
  tagName: 'so-case-review',
  elementClass: SoCaseReview,
  react: React,
  events: { onCaseMoved: 'so-case-moved' as EventName<SoCaseMovedEvent> },
});

/** `<so-opinion-editor>` for React 18: `onOpinionIssued` maps to `so-opinion-issued`. */
export const OpinionEditor = createComponent({
  tagName: 'so-opinion-editor',
  elementClass: SoOpinionEditor,
  react: React,
  events: { onOpinionIssued: 'so-opinion-issued' as EventName<SoOpinionIssuedEvent> },
});
