import { exceptionText, retainedText, undoDays, undoRefusal, undoUntilOf } from './erasure-rules';
import { gdprSettingsInput } from './settings.schema';

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

  it('rows left in the append-only audit log are said with why', () => {
    const text = retainedText({ table: 'audit_log', rows: 3, chained: true, activity: 'identity.access-log', activityName: 'Journalisation', duration: 'après l’événement (P1Y)', legalReference: 'CNIL' });
    expect(text.fr).toBe('Journalisation — 3 entrées de « audit_log » conservées telles quelles : journal en ajout seul, chaîné par empreintes : modifier une entrée romprait la preuve de tout le journal (sécurité des traitements, RGPD art. 32) ; conservation après l’événement (P1Y) (CNIL).');
    expect(text.en).toContain('hash-chained');
    expect(retainedText({ table: 'billing_account_credits', rows: 1, chained: false, activity: 'billing.invoicing', activityName: 'Facturation', duration: 'P10Y', legalReference: null }).fr)
      .toBe('Facturation — 1 entrée de « billing_account_credits » conservée telle quelle : registre en ajout seul : ses écritures ne sont jamais modifiées ; conservation P10Y.');
  });

  it('an organisation\'s window is a whole number of days from 0 to 30', () => {
    expect(gdprSettingsInput.safeParse({ erasureUndoDays: 0 }).success).toBe(true);
    expect(gdprSettingsInput.safeParse({ erasureUndoDays: 30 }).success).toBe(true);
    for (const bad of [31, -1, 2.5, '7']) expect(gdprSettingsInput.safeParse({ erasureUndoDays: bad }).success).toBe(false);
    expect(undoUntilOf(erasedAt, 0)).toEqual(erasedAt);
  });
});
