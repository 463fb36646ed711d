// The care team's link: `GET /v1/shared/{token}` shows the opinion (a plain page, no script) and
// `GET /v1/shared/{token}/report` the report. The token is the only key: kept as its SHA-256,
// it works until it expires or is revoked; anything else is one 404 that says nothing.
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { Case } from '../../core/model/case.js';
import type { Locale } from '../../core/model/codes.js';
import { requirePrincipal } from '../auth.js';
import type { AppEnv } from '../env.js';
import { accessFor } from '../http.js';
import { tokenHash } from '../outbound/mail.js';
import { mailLocale } from '../outbound/notices.js';
import { problems } from '../problem.js';
import type { Deps } from './deps.js';
import { recordContent } from './records.js';

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}'
  + '@media (prefers-color-scheme:dark){body{color:#eee;background:#121212}a{color:#8ab4ff}}dt{font-weight:600;margin-top:.75rem}dd{margin:0}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const WORDS = {
  en: {
    title: 'Second opinion', reference: 'Reference', patient: 'Patient', born: 'born', outcome: 'Outcome', summary: 'In short',
    diagnosis: 'Diagnosis', recommendations: 'Recommendations', specialist: 'Specialist', issued: 'Written on', questions: 'Questions and answers',
    report: 'Download the report (PDF)', expires: 'This link works until', firstDiagnosis: 'Diagnosis as given in the request',
    outcomes: { confirmed: 'Diagnosis confirmed', refined: 'Diagnosis confirmed, with more detail', different_diagnosis: 'A different diagnosis', treatment_change: 'A change of treatment suggested', insufficient_information: 'More information needed' },
  },
  'fr-CA': {
    title: 'Deuxième avis', reference: 'Référence', patient: 'Patient ou patiente', born: 'né(e) le', outcome: 'Conclusion', summary: 'En bref',
    diagnosis: 'Diagnostic', recommendations: 'Recommandations', specialist: 'Spécialiste', issued: 'Rédigé le', questions: 'Questions et réponses',
    report: 'Télécharger le rapport (PDF)', expires: 'Ce lien fonctionne jusqu’au', firstDiagnosis: 'Diagnostic indiqué dans la demande',
    outcomes: { confirmed: 'Diagnostic confirmé', refined: 'Diagnostic confirmé, avec plus de précisions', different_diagnosis: 'Un autre diagnostic', treatment_change: 'Un changement de traitement suggéré', insufficient_information: 'Plus de renseignements nécessaires' },
  },
} as const;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(c: Case, locale: Locale, expiresAt: string, reportHref: string | undefined): string {
  const w = WORDS[locale];
  const o = c.opinion!;
  const date = (v: string) => new Intl.DateTimeFormat(locale === 'fr-CA' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(v.length === 10 ? `${v}T12:00:00Z` : v));
  const e = escapeHtml;
  const r = c.status === 'draft' ? undefined : c.request;
  const rows: string[] = [
    `<dt>${w.reference}</dt><dd>${e(c.reference)}</dd>`,
    ...(r ? [`<dt>${w.patient}</dt><dd>${e(`${r.patient.givenName} ${r.patient.familyName}`)}, ${w.born} ${e(date(r.patient.birthDate))}</dd>`, `<dt>${w.firstDiagnosis}</dt><dd>${e(r.diagnosis.description)}</dd>`] : []),
    `<dt>${w.outcome}</dt><dd>${e(w.outcomes[o.outcome])}</dd>`,
    `<dt>${w.summary}</dt><dd>${e(o.summary)}</dd>`,
    ...(o.diagnosis ? [`<dt>${w.diagnosis}</dt><dd>${e(o.diagnosis)}</dd>`] : []),
    ...(o.recommendations.length ? [`<dt>${w.recommendations}</dt><dd><ul>${o.recommendations.map((x) => `<li>${e(x)}</li>`).join('')}</ul></dd>`] : []),
    `<dt>${w.specialist}</dt><dd>${e([o.specialist.name, o.specialist.credentials, o.specialist.specialty].filter(Boolean).join(', '))}</dd>`,
    `<dt>${w.issued}</dt><dd>${e(date(o.issuedAt))}</dd>`,
  ];
  const qa = c.questions.map((q) => `<li><p>${e(q.text)}</p><p>${e(q.answer?.text ?? o.answers.find((a) => a.questionId === q.id)?.text ?? '')}</p></li>`).join('');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">`
    + `<title>${w.title}</title><style>${STYLE}</style></head><body><main><h1>${w.title}</h1><dl>${rows.join('')}</dl>`
    + (qa ? `<h2>${w.questions}</h2><ol>${qa}</ol>` : '')
    + (reportHref ? `<p><a href="${e(reportHref)}">${w.report}</a></p>` : '')
    + `<p>${w.expires} ${e(date(expiresAt))}.</p></main></body></html>`;
}

/** Mounts the care team's link and the patient's revocation of links. */
export function sharedRoutes(app: Hono<AppEnv>, { db, store, files }: Deps): void {
  const linked = async (c: Context): Promise<{ kase: Case; expiresAt: string }> => {
    const token = c.req.param('token') ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw problems.notFound();
    const r = await db.query<{ case_id: string; expires_at: Date | string }>('SELECT case_id, expires_at FROM share_links WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()', [tokenHash(token)]);
    const row = r.rows[0];
    if (!row) throw problems.notFound();
    const kase = await store.get(row.case_id, { system: true });
    if (!kase.opinion || kase.status === 'draft' || !kase.request.consent.scopes.includes('share_with_care_team')) throw problems.notFound();
    return { kase, expiresAt: new Date(row.expires_at).toISOString() };
  };
  const secure = (c: Context) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
  };

  app.get('/v1/shared/:token', async (c) => {
    const { kase, expiresAt } = await linked(c);
    secure(c);
    c.header('Content-Security-Policy', CSP);
    const locale = mailLocale(kase.status === 'draft' ? undefined : kase.request.patient.preferredLanguage);
    return c.html(page(kase, locale, expiresAt, kase.opinion?.reportRecordId ? `${c.req.param('token')}/report` : undefined));
  });

  app.get('/v1/shared/:token/report', async (c) => {
    const { kase } = await linked(c);
    const recordId = kase.opinion?.reportRecordId;
    if (!recordId) throw problems.notFound();
    const res = await recordContent({ db, files }, kase.id, recordId, 'attachment; filename="second-opinion-report.pdf"');
    secure(c);
    c.res.headers.forEach((v, k) => res.headers.set(k, v));
    return res;
  });

  // The patient (or staff) ends every care-team link of a case at once.
  app.delete('/v1/cases/:id/share-links', async (c) => {
    const p = requirePrincipal(c);
    const kase = await store.get(c.req.param('id'), accessFor(p));
    await db.query('UPDATE share_links SET revoked_at = now() WHERE case_id = $1 AND revoked_at IS NULL', [kase.id]);
    return c.body(null, 204, { 'Cache-Control': 'no-store' });
  });
}
