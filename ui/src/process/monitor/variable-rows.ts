import { formatDateTime, formatDay, formatMoney } from '@/shared/format';

/** One process variable as people read it. */
export interface VariableRow {
  /** The variable's name; a nested field as `parent.child`. */
  name: string;
  /** The formatted value: dates and times in the organisation's time zone, cents as euros, booleans as words. */
  text: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The variables of an instance as a readable table, by name: objects are opened one level
 * per row (`contractState.amountDueCents`), a name ending in `Cents` is an amount in euros,
 * ISO date-times show in the organisation's time zone (Paris), booleans as « Oui » / « Non ».
 */
export function variableRows(variables: Record<string, unknown>, words: { yes: string; no: string; empty: string }): VariableRow[] {
  const rows: VariableRow[] = [];
  const visit = (name: string, value: unknown, depth: number) => {
    if (value && typeof value === 'object' && !Array.isArray(value) && depth < 3 && Object.keys(value).length) {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) visit(`${name}.${key}`, inner, depth + 1);
      return;
    }
    rows.push({ name, text: formatVariable(name, value, words) });
  };
  for (const [name, value] of Object.entries(variables).sort(([a], [b]) => a.localeCompare(b))) visit(name, value, 0);
  return rows;
}

export function formatVariable(name: string, value: unknown, words: { yes: string; no: string; empty: string }): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (/Cents$/.test(name) && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)))) return formatMoney(value);
  if (typeof value === 'string' && DATE_TIME.test(value)) return formatDateTime(value);
  if (typeof value === 'string' && DAY.test(value)) return formatDay(value);
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object') ? value.map((v) => formatVariable(name, v, words)).join(', ') : JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
