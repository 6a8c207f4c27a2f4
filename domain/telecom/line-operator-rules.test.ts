import { bulkItemOfKey, VendorRefusal, vendorRefusalOf } from '../core/bulk-action';
import { answerEffect, NO_REASON, operatorLineOrder, statusOfKind, statusStep } from './line-operator-rules';

/** The rules of a line's status asked of its operator by a bulk (ADR 0047), without I/O. */
describe('telecom: a line status asked of the operator by a bulk', () => {
  const line = { operatorKey: 'snaic', operatorLineId: 'SNAIC-L-0000001' };

  it('sends the order of the status only when the line changes, has an operator id and no such order pending', () => {
    expect(statusStep(line, 'suspended', true, null, false)).toEqual({ step: 'send', order: { operatorKey: 'snaic', operatorLineId: 'SNAIC-L-0000001', kind: 'suspend-line', on: null } });
    expect(statusStep(line, 'active', true, '2026-12-31', false)).toEqual({ step: 'send', order: { operatorKey: 'snaic', operatorLineId: 'SNAIC-L-0000001', kind: 'resume-line', on: '2026-12-31' } });
    expect(statusStep(line, 'terminated', true, null, false)).toMatchObject({ step: 'send', order: { kind: 'terminate-line' } });
    expect(statusStep(line, 'suspended', false, null, false)).toEqual({ step: 'unchanged' });
    expect(statusStep({ ...line, operatorLineId: null }, 'suspended', true, null, false)).toEqual({ step: 'local' });
    expect(statusStep(line, 'suspended', true, null, true)).toEqual({ step: 'already-ordered' });
  });

  it('moves the line on a completed order, waits on a pending one, and keeps it on a refusal with the operator’s reason', () => {
    expect(answerEffect({ orderId: 'o', status: 'completed', reason: null })).toEqual({ effect: 'apply' });
    expect(answerEffect({ orderId: 'o', status: 'pending', reason: null })).toEqual({ effect: 'wait' });
    const reason = { fr: 'Ligne inconnue de l’opérateur : X.', en: 'The operator knows no line X.' };
    expect(answerEffect({ orderId: 'o', status: 'refused', reason })).toEqual({ effect: 'refused', reason });
    expect(answerEffect({ orderId: 'o', status: 'refused', reason: null })).toEqual({ effect: 'refused', reason: NO_REASON });
  });

  it('knows the status of the three kinds only, and sends ids and a day only', () => {
    expect([statusOfKind('suspend-line'), statusOfKind('resume-line'), statusOfKind('terminate-line'), statusOfKind('order-sim')]).toEqual(['suspended', 'active', 'terminated', undefined]);
    expect(() => operatorLineOrder.parse({ ...line, kind: 'create-line', on: null })).toThrow();
    expect(() => operatorLineOrder.parse({ ...line, kind: 'suspend-line', on: null, number: '+33612345678' })).toThrow();
  });

  it('reads a bulk item’s key back from an order’s reference, and a vendor’s refusal from what a sender throws', () => {
    const runId = '0b0e4c1e-6a55-4f0e-9d7e-3f5a2b1c0d9e';
    expect(bulkItemOfKey(`bulk/${runId}/42`)).toEqual({ runId, position: 42 });
    expect(bulkItemOfKey('dep-1/create')).toBeUndefined();
    expect(bulkItemOfKey(`bulk/${runId}/x`)).toBeUndefined();
    const reason = { fr: 'Refusé', en: 'Refused' };
    expect(vendorRefusalOf(new VendorRefusal(reason))).toEqual(reason);
    expect(vendorRefusalOf(Object.assign(new Error('x'), { kind: 'refused', reason, code: 'unknown-line' }))).toEqual(reason);
    expect(vendorRefusalOf(Object.assign(new Error('503'), { kind: 'retryable' }))).toBeUndefined();
    expect(vendorRefusalOf(new Error('boom'))).toBeUndefined();
  });
});
