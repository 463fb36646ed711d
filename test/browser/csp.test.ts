/// <reference types="mocha" />
// The CDN module on a page served with the strict CSP from the docs: provider and badge render,
// and the page reports no policy violation (a control proves violations are seen).
import { expect } from '@open-wc/testing';

interface Report { violations?: string[]; texts?: string[]; adopted?: number[]; error?: string }

function loadPage(query = ''): Promise<Report> {
  const frame = document.createElement('iframe');
  frame.title = 'CSP test page';
  const report = new Promise<Report>((resolve) => {
    window.addEventListener('message', function onMessage(e: MessageEvent) {
      if (e.source !== frame.contentWindow || e.data?.kind !== 'csp-report') return;
      window.removeEventListener('message', onMessage);
      resolve(e.data as Report);
    });
  });
  frame.src = `/csp-page.html${query}`;
  document.body.append(frame);
  return report.finally(() => frame.remove());
}

describe('the CDN module under a strict Content-Security-Policy', () => {
  it('renders the provider and badges with zero violations', async () => {
    const r = await loadPage();
    expect(r.error).to.equal(undefined);
    expect(r.violations).to.deep.equal([]);
    expect(r.texts![0]).to.contain('Sent').and.contain('A care coordinator will look at it');
    expect(r.texts![1]).to.contain('Avis prêt');
    expect(r.texts![2]).to.contain('Draft');
    for (const n of r.adopted!) expect(n).to.be.greaterThan(0);
  });

  it('sees a violation when the page breaks the policy (control)', async () => {
    const r = await loadPage('?control');
    expect(r.error).to.equal(undefined);
    expect(r.violations!.length).to.be.greaterThan(0);
    expect(r.violations!.join(' ')).to.match(/style-src/);
  });
});
