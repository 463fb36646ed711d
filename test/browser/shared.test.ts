/// <reference types="mocha" />
// What every element shares: registration, catalogues and formatters, the live region, focus
// helpers, the appearance compiler, and a control proving axe really runs.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { defineElement } from '../../src/components/shared/define.js';
import { SoStatusBadge } from '../../src/components/status-badge/status-badge.js';
import { CATALOGUES, messagesFor } from '../../src/components/shared/i18n/catalogues.js';
import { formatDate, formatFileSize, formatNumber } from '../../src/components/shared/i18n/format.js';
import { announce } from '../../src/components/shared/announce.js';
import { deepActiveElement, focusErrorSummary, focusStepHeading } from '../../src/components/shared/focus.js';
import { compileAppearance } from '../../src/components/shared/appearance.js';
import { VERSION } from '../../src/components/shared/version.js';
import { expectAccessible, expectInaccessible } from './support/axe.js';

function captureWarnings<T>(run: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    return { result: run(), warnings };
  } finally {
    console.warn = original;
  }
}

describe('define()', () => {
  it('importing a class module registers nothing', () => {
    // This file imports the badge class but no define module.
    expect(customElements.get('so-status-badge')).to.equal(undefined);
  });

  it('registers once and is idempotent for the same class', () => {
    class OnceBadge extends SoStatusBadge {}
    const { warnings } = captureWarnings(() => {
      OnceBadge.define('so-once-badge');
      OnceBadge.define('so-once-badge');
    });
    expect(customElements.get('so-once-badge')).to.equal(OnceBadge);
    expect(warnings).to.deep.equal([]);
  });

  it('warns on a version clash and keeps the first definition', () => {
    class First extends LitElement { static version = '0.1.0'; }
    class Second extends LitElement { static version = '9.9.9'; }
    const { warnings } = captureWarnings(() => {
      defineElement('so-clash-test', First);
      defineElement('so-clash-test', Second);
    });
    expect(customElements.get('so-clash-test')).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<so-clash-test> is already defined by version 0.1.0; version 9.9.9 was not registered');
  });

  it('carries the package version', async () => {
    const pkg = await (await fetch('/package.json')).json();
    expect(VERSION).to.equal(pkg.version);
    expect(SoStatusBadge.version).to.equal(pkg.version);
  });
});

describe('catalogues and formatting', () => {
  it('defines every key in both English and Canadian French, with distinct French words', () => {
    const en = CATALOGUES.en;
    const fr = CATALOGUES['fr-CA'];
    expect(Object.keys(fr).sort()).to.deep.equal(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(typeof fr[key], key).to.equal(typeof en[key]);
      expect(String(fr[key]).trim(), key).to.not.equal('');
      expect(fr[key], key).to.not.equal(en[key]);
    }
  });

  it('resolves tags to catalogues and applies partial overrides', () => {
    expect(messagesFor('fr-FR').retry).to.equal('Réessayer');
    expect(messagesFor('de').retry).to.equal('Try again');
    const m = messagesFor('fr-CA', { retry: 'Recharger' });
    expect(m.retry).to.equal('Recharger');
    expect(m.statusPrefix).to.equal('Statut :');
  });

  it('formats dates, numbers and file sizes through Intl', () => {
    const day = new Date(Date.UTC(2026, 2, 27, 12));
    expect(formatDate(day, 'en', { dateStyle: 'long', timeZone: 'UTC' })).to.equal('March 27, 2026');
    expect(formatDate(day, 'fr-CA', { dateStyle: 'long', timeZone: 'UTC' })).to.equal('27 mars 2026');
    expect(formatNumber(1234.5, 'en')).to.equal('1,234.5');
    expect(formatNumber(1234.5, 'fr-CA').replace(/\s/g, ' ')).to.equal('1 234,5');
    expect(formatFileSize(1_500_000, 'en')).to.equal('1.5 MB');
    expect(formatFileSize(1_500_000, 'fr-CA').replace(/\s/g, ' ')).to.equal('1,5 Mo');
    expect(formatFileSize(999, 'en')).to.equal('999 byte');
  });
});

describe('announce()', () => {
  it('puts the message in a document-level polite live region', async () => {
    await announce('Step 2 of 4: Contact details');
    const region = document.getElementById('so-announcer-polite')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.parentElement).to.equal(document.body);
    expect(region.textContent).to.equal('Step 2 of 4: Contact details');
  });

  it('uses an assertive region for urgent messages and reuses it', async () => {
    await announce('The upload failed', { politeness: 'assertive' });
    await announce('The upload failed again', { politeness: 'assertive' });
    const regions = document.querySelectorAll('#so-announcer-assertive');
    expect(regions).to.have.length(1);
    expect(regions[0]!.getAttribute('aria-live')).to.equal('assertive');
    expect(regions[0]!.textContent).to.equal('The upload failed again');
  });
});

describe('focus helpers', () => {
  it('moves focus to a step heading and to an error summary', async () => {
    const el = await fixture<HTMLDivElement>(html`<div><h2>Contact details</h2><div role="group" aria-labelledby="s"><h2 id="s">There is a problem</h2></div></div>`);
    const heading = el.querySelector('h2')!;
    expect(focusStepHeading(heading)).to.equal(true);
    expect(heading.getAttribute('tabindex')).to.equal('-1');
    expect(deepActiveElement()).to.equal(heading);
    const summary = el.querySelector<HTMLElement>('[role=group]')!;
    expect(focusErrorSummary(summary)).to.equal(true);
    expect(deepActiveElement()).to.equal(summary);
    await expectAccessible(el);
  });

  it('finds the focused element inside shadow roots', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    button.textContent = 'Inside';
    root.append(button);
    button.focus();
    expect(document.activeElement).to.equal(host);
    expect(deepActiveElement()).to.equal(button);
  });
});

describe('compileAppearance()', () => {
  it('maps variables to --so-* properties and scopes part rules', () => {
    const c = compileAppearance({ theme: 'dark', variables: { colorPrimary: '#123456', fontFamily: 'Georgia, serif' }, rules: { 'so-status-badge::part(badge):hover': { borderColor: 'red' } } }, 'so-provider[data-so-scope="1"]');
    expect(c.properties).to.deep.equal({ '--so-color-scheme': 'dark', '--so-color-primary': '#123456', '--so-font-family': 'Georgia, serif' });
    expect(c.css).to.equal('so-provider[data-so-scope="1"] so-status-badge::part(badge):hover { border-color: red; }');
  });

  it('drops values that could inject rules or load resources', () => {
    const { result } = captureWarnings(() => compileAppearance({
      variables: { colorPrimary: 'red; } body { display: none', colorText: 'url(https://tracker.example/x)' },
      rules: { '::part(badge)': { background: 'url(x)', color: 'blue' }, 'div { }': { color: 'red' } },
    }, 's'));
    expect(result.properties).to.deep.equal({});
    expect(result.css).to.equal('s *::part(badge) { color: blue; }');
  });
});

describe('axe', () => {
  it('reports a button with no name (negative control)', async () => {
    await expectInaccessible(await fixture(html`<div><button></button></div>`));
  });
});
