// The opinion summary's care-team delivery words and view data, from a case as the reference server
// returns it after a share it delivers (opinion.careTeamDelivery), in English and French.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CaseSchema, parseWith, type Case } from '../../src/index.js';
import { deliveryStateText } from '../../src/components/opinion-summary/care-team-delivery.js';
import { opinionEn } from '../../src/components/opinion-summary/opinion-summary.messages.js';
import { opinionFrCA } from '../../src/components/opinion-summary/opinion-summary.messages.fr-CA.js';
import { opinionView } from '../../src/components/opinion-summary/opinion-summary.model.js';
import type { CareTeamDelivery } from '../../src/core/model/case.js';
import { validRequest } from '../fixtures/requests.js';

const date = (iso: string) => iso.slice(0, 10);
const at = '2026-12-01T15:00:00.000Z';

describe('care-team delivery in the opinion summary', () => {
  it('says where each delivery stands, in both languages', () => {
    const cases: [CareTeamDelivery, string, string][] = [
      [{ state: 'sending', requestedAt: at }, 'Sending…', 'Envoi en cours…'],
      [{ state: 'delivered', requestedAt: at, deliveredAt: '2026-12-02T09:00:00.000Z' }, 'Delivered on 2026-12-02.', 'Livré le 2026-12-02.'],
      [{ state: 'failed', requestedAt: at, retrying: true }, 'Not delivered yet. We will keep trying, or you can send it again.', 'Pas encore livré. Nous allons réessayer, ou vous pouvez l’envoyer de nouveau.'],
      [{ state: 'failed', requestedAt: at }, 'It could not be delivered. Check the address with your care team, then send it again.', 'L’envoi n’a pas pu être livré. Vérifiez l’adresse avec votre équipe soignante, puis envoyez-le de nouveau.'],
    ];
    for (const [d, en, fr] of cases) {
      assert.equal(deliveryStateText(d, opinionEn, date), en);
      assert.equal(deliveryStateText(d, opinionFrCA, date), fr);
    }
    assert.equal(opinionEn.sentTo('Dr. Roy', '1 December 2026'), 'Sent to Dr. Roy on 1 December 2026.');
    assert.equal(opinionFrCA.sentTo('Dr. Roy', '1 décembre 2026'), 'Envoyé à Dr. Roy le 1 décembre 2026.');
  });

  it('hands the delivery of a shared opinion to the view, and its schema accepts it', () => {
    const delivery: CareTeamDelivery = { state: 'failed', to: 'Dr. Roy', requestedAt: at, retrying: true };
    const c = {
      id: 'c1', reference: 'SO-AAAA-BBBB', version: 9, status: 'opinion_ready', createdAt: at, updatedAt: at, records: [], questions: [], timeline: [],
      clock: { state: 'stopped', businessDays: 10, businessDaysUsed: 3 }, actionsRequired: [], followUpsRemaining: 1,
      request: validRequest(),
      opinion: { outcome: 'confirmed', summary: 'Agreed.', recommendations: [], answers: [], specialist: { name: 'Dr. Lee', specialty: 'Oncology' }, issuedAt: at, sharedWithCareTeamAt: at, careTeamDelivery: delivery },
    } as unknown as Case;
    assert.deepEqual(opinionView(c).share, { state: 'shared', at, delivery });
    const bad = parseWith(CaseSchema, { ...c, opinion: { ...c.opinion, careTeamDelivery: { state: 'lost', requestedAt: at } } });
    assert.equal(bad.ok, false);
    assert.equal(parseWith(CaseSchema, c).ok, true);
  });
});
