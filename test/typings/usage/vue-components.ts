// The Vue typings as the template checker reads them: each GlobalComponents entry's props, including
// the handler props Vue derives from @so-step-change (onSoStepChange, and onSo-step-change from the emits).
import type {} from 'second-opinion-kit/vue';
import type { SoCaseCreatedEvent, SoStatusTracker, SoStepChangeEvent } from 'second-opinion-kit/elements';
import type { GlobalComponents } from 'vue';
import type { Equal } from './assert-type.js';

/** The props a template may bind on a global component. */
type PropsOf<C> = C extends new (...args: never[]) => { $props: infer P } ? P : never;
type FormProps = PropsOf<GlobalComponents['so-request-form']>;
type TrackerProps = PropsOf<GlobalComponents['so-status-tracker']>;
type Handled<F> = NonNullable<F> extends (event: infer E) => unknown ? E : never;

export const checks: [
  Equal<Handled<FormProps['onSoStepChange']>, SoStepChangeEvent>,
  Equal<Handled<FormProps['onSo-step-change']>, SoStepChangeEvent>,
  Equal<Handled<FormProps['onSoCaseCreated']>, SoCaseCreatedEvent>,
  Equal<TrackerProps['page-size'], SoStatusTracker['pageSize'] | undefined>,
  Equal<TrackerProps['pageSize'], number | undefined>,
] = [true, true, true, true, true];
