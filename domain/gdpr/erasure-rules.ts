/**
 * Erasure's pure rules (docs/adr/0027-erasure.md): the undo window, whether it is open, and the French and
 * English words of a legal exception (which records keep which columns, under which law, until when).
 */
export const DEFAULT_UNDO_DAYS = 14;
const DAY = 86_400_000;

/** The window's length: `RELAIS_GDPR_ERASURE_UNDO_DAYS` (1 to 30 days) or 14. */
export function undoDays(setting = process.env.RELAIS_GDPR_ERASURE_UNDO_DAYS): number {
  const days = Number(setting);
  return Number.isInteger(days) && days >= 1 && days <= 30 ? days : DEFAULT_UNDO_DAYS;
}

export function undoUntilOf(erasedAt: Date, days = undoDays()): Date {
  return new Date(erasedAt.getTime() + days * DAY);
}

export type UndoRefusal = 'nothing-to-undo' | 'undone-already' | 'window-closed';

/** Why an undo is refused now, or null when the window is open and the snapshot still there. */
export function undoRefusal(erasure: { erasedAt: Date | null; undoUntil: Date | null; undoneAt: Date | null; snapshot: boolean }, now: Date): UndoRefusal | null {
  if (!erasure.erasedAt || !erasure.undoUntil) return 'nothing-to-undo';
  if (erasure.undoneAt) return 'undone-already';
  if (!erasure.snapshot || now.getTime() >= erasure.undoUntil.getTime()) return 'window-closed';
  return null;
}

/** `2036-12-31` → `31/12/2036`. */
export const frenchDay = (day: string) => day.split('-').reverse().join('/');

export interface ErasureException {
  table: string;
  activity: string;
  activityName: string;
  columns: string[];
  rows: number;
  legalReference: string | null;
  /** The last day the kept values may be held (Paris), or null when it runs from an event still to come. */
  until: string | null;
  from: string;
  text: { fr: string; en: string };
}

/** Rows erasure leaves as they are because the application can only append to their table (the audit log), with why. */
export interface ErasureRetained {
  table: string;
  rows: number;
  /** Hash-chained (the audit log): changing an entry would break the proof of the whole log. */
  chained: boolean;
  activity: string;
  activityName: string;
  duration: string;
  legalReference: string | null;
  text: { fr: string; en: string };
}

/** The sentence a person is told for rows left in an append-only log or ledger. */
export function retainedText(e: Omit<ErasureRetained, 'text'>): { fr: string; en: string } {
  const law = e.legalReference ? ` (${e.legalReference})` : '';
  const plural = e.rows > 1;
  const whyFr = e.chained
    ? 'journal en ajout seul, chaîné par empreintes : modifier une entrée romprait la preuve de tout le journal (sécurité des traitements, RGPD art. 32)'
    : 'registre en ajout seul : ses écritures ne sont jamais modifiées';
  const whyEn = e.chained
    ? 'an append-only, hash-chained log: changing an entry would break the proof of the whole log (security of processing, GDPR art. 32)'
    : 'an append-only ledger: its entries are never changed';
  return {
    fr: `${e.activityName} — ${plural ? `${e.rows} entrées` : '1 entrée'} de « ${e.table} » conservée${plural ? 's' : ''} telle${plural ? 's' : ''} quelle${plural ? 's' : ''} : ${whyFr} ; conservation ${e.duration}${law}.`,
    en: `${e.activityName} — ${e.rows} entr${plural ? 'ies' : 'y'} of “${e.table}” kept as ${plural ? 'they are' : 'it is'}: ${whyEn}; kept ${e.duration}${law}.`,
  };
}

/** The sentence a person is told for one exception. */
export function exceptionText(e: Omit<ErasureException, 'text'>): { fr: string; en: string } {
  const records = e.rows > 1 ? `${e.rows} enregistrements` : '1 enregistrement';
  const law = e.legalReference ? ` (${e.legalReference})` : '';
  const untilFr = e.until ? `jusqu’au ${frenchDay(e.until)}` : `pendant la durée légale, ${e.from}`;
  const untilEn = e.until ? `until ${e.until}` : `for the legal period, ${e.from}`;
  return {
    fr: `${e.activityName} — ${records} de « ${e.table} » conserve${e.rows > 1 ? 'nt' : ''} ${e.columns.join(', ')} au titre d’une obligation légale${law}, ${untilFr} ; ces données ne sont plus utilisées qu’à cette fin.`,
    en: `${e.activityName} — ${e.rows} record(s) of “${e.table}” keep ${e.columns.join(', ')} under a legal obligation${law}, ${untilEn}; they are used for that purpose only.`,
  };
}
