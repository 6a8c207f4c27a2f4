import type { BusinessLabelResolver } from '../modules/vertical-module';
import { breachMessage } from './breach.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** « Violation n° 3 — Perte d’un ordinateur portable »: how the tasks and the monitor name a breach's process (its business key is the breach's id). */
export const breachResponseLabel: BusinessLabelResolver = async (trx, instances, locale) => {
  const ids = [...new Set(instances.map((i) => i.businessKey).filter((key) => UUID.test(key)))];
  if (!ids.length) return new Map();
  const rows: Array<{ id: string; number: number; title: string }> = await trx('gdprBreaches').whereIn('id', ids).select('id', 'number', 'title');
  return new Map(rows.map((r) => [r.id, breachMessage('gdpr.breach.label', { number: Number(r.number), title: String(r.title) }).render(locale)]));
};
