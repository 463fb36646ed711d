// Angular with a standalone component: CUSTOM_ELEMENTS_SCHEMA lets the template use the so- tags,
// [getAccessToken] sets the property, and (so-step-change) listens to the kit's DOM event.
// This recipe is JIT-compiled in the browser (hence @angular/compiler); the Angular CLI compiles ahead of time instead.
import '@angular/compiler';
import 'second-opinion-kit/elements/provider.js';
import 'second-opinion-kit/elements/request-form.js';
import type { SoCaseCreatedEvent, SoStepChangeEvent } from 'second-opinion-kit/elements';
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { apiEndpoint, demoTokenGetter } from '../shared/demo-session.js';

/** The example app: the provider, the request form, and the step and reference it reports. */
@Component({
  selector: 'so-example-app',
  standalone: true,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Ask for a second opinion</h1>
      <p data-testid="step">Current step: {{ step() }}</p>
      <so-provider backend="rest" [endpoint]="endpoint" [getAccessToken]="getAccessToken">
        <so-request-form (so-step-change)="onStepChange($event)" (so-case-created)="onCaseCreated($event)"></so-request-form>
      </so-provider>
      @if (reference()) { <p role="status">Case {{ reference() }} created.</p> }
    </main>
  `,
})
export class ExampleApp {
  readonly endpoint = apiEndpoint();
  readonly getAccessToken = demoTokenGetter(this.endpoint);
  readonly step = signal('who');
  readonly reference = signal<string | undefined>(undefined);

  onStepChange(event: Event): void {
    const { index, to } = event as SoStepChangeEvent;
    this.step.set(`${index} (${to})`);
  }

  onCaseCreated(event: Event): void {
    this.reference.set((event as SoCaseCreatedEvent).case.reference);
  }
}

bootstrapApplication(ExampleApp, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => console.error(error));
