// One icon per status, drawn with Lit's svg templates (no raw markup). 24x24, stroked in currentColor.
import { svg, type SVGTemplateResult } from 'lit';
import type { Status } from '../../core/model/codes.js';

/** The icon drawn for each status. */
export const STATUS_ICONS: Record<Status, SVGTemplateResult> = {
  draft: svg`<path d="M4 20h4L19 9l-4-4L4 16v4z"/><path d="M13 7l4 4"/>`,
  submitted: svg`<path d="M3 11l18-8-8 18-2-8-8-2z"/>`,
  triage: svg`<circle cx="11" cy="11" r="6"/><path d="M20 20l-4.5-4.5"/>`,
  info_requested: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v6"/><path d="M12 16.5v.5"/>`,
  accepted: svg`<circle cx="12" cy="12" r="9"/><path d="M8 12.5l3 3 5-6"/>`,
  in_review: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`,
  opinion_ready: svg`<path d="M6 3h8l4 4v14H6z"/><path d="M9 14l2 2 4-4"/>`,
  declined: svg`<circle cx="12" cy="12" r="9"/><path d="M9 9l6 6M15 9l-6 6"/>`,
  withdrawn: svg`<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 010 12h-3"/>`,
};

/** The colour family of each status: action needed, done, stopped, in progress. */
export const STATUS_TONES: Record<Status, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  draft: 'neutral',
  submitted: 'info',
  triage: 'info',
  info_requested: 'warning',
  accepted: 'info',
  in_review: 'info',
  opinion_ready: 'success',
  declined: 'danger',
  withdrawn: 'neutral',
};
