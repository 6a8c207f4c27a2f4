import { exceptionText, undoDays, undoRefusal, undoUntilOf } from './erasure-rules';

describe('erasure rules', () => {
  const erasedAt = new Date('2026-12-04T10:00:00Z');
  const until = undoUntilOf(erasedAt, 14);
  const open = { erasedAt, undoUntil: until, undoneAt: null, snapshot: true };

  it('the window is 14 days unless set between 1 and 30', () => {
    expect(until.toISOString()).toBe('2026-12-18T10:00:00.000Z');
    expect([undoDays(undefined), undoDays('7'), undoDays('0'), undoDays('abc'), undoDays('45')]).toEqual([14, 7, 14, 14, 14]);
  });

  it('undo is possible on day 13, not on day 14 or once the snapshot is gone or undone', () => {
    expect(undoRefusal(open, new Date('2026-12-17T10:00:00Z'))).toBeNull();
    expect(undoRefusal(open, until)).toBe('window-closed');
    expect(undoRefusal({ ...open, snapshot: false }, new Date('2026-12-05T10:00:00Z'))).toBe('window-closed');
    expect(undoRefusal({ ...open, undoneAt: erasedAt }, erasedAt)).toBe('undone-already');
    expect(undoRefusal({ erasedAt: null, undoUntil: null, undoneAt: null, snapshot: false }, erasedAt)).toBe('nothing-to-undo');
  });

  it('an exception says which records, which law and until when, in French', () => {
    const text = exceptionText({
      table: 'billing_invoices', activity: 'billing.invoicing', activityName: 'Facturation', columns: ['buyer'], rows: 2,
      legalReference: 'Code de commerce, art. L123-22', until: '2036-01-15', from: 'après la clôture de l’exercice',
    });
    expect(text.fr).toBe('Facturation — 2 enregistrements de « billing_invoices » conservent buyer au titre d’une obligation légale (Code de commerce, art. L123-22), jusqu’au 15/01/2036 ; ces données ne sont plus utilisées qu’à cette fin.');
    expect(text.en).toContain('until 2036-01-15');
  });
});
