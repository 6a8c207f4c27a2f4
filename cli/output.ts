import Table from 'cli-table3';
import { noun as nounOf, tr, type Noun } from './i18n';

/** Where commands write: stdout for results, stderr for messages (so `--json` output stays parseable). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const terminal: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
}

/** A table of rows; no colours, so that output piped to a file or a pager stays clean. */
export function renderTable<T>(rows: T[], columns: Column<T>[]): string {
  const table = new Table({
    head: columns.map((c) => c.header),
    colAligns: columns.map((c) => c.align ?? 'left'),
    style: { head: [], border: [], compact: true },
  });
  for (const row of rows) table.push(columns.map((c) => oneLine(c.value(row))));
  return table.toString();
}

/** Long notes would break the table: first line only, cut at 60 characters. */
function oneLine(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value).split(/\r?\n/)[0]!;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** A record as "label  value" lines under a title; multi-line values are indented under their label. */
export function renderRecord(title: string, fields: Array<[string, string | number | boolean | null | undefined]>): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  const lines = [title];
  for (const [label, raw] of fields) {
    const value = raw === null || raw === undefined || raw === '' ? '—' : typeof raw === 'boolean' ? yesNo(raw) : String(raw);
    const [first, ...rest] = value.split(/\r?\n/);
    lines.push(`  ${label.padEnd(width)}  ${first}`);
    for (const line of rest) lines.push(`  ${' '.repeat(width)}  ${line}`);
  }
  return lines.join('\n');
}

/** « oui » / "yes". */
export const yesNo = (value: boolean) => (value ? tr('oui', 'yes') : tr('non', 'no'));

/** A list as a table with its count, or one line when it is empty. */
export function renderList<T>(rows: T[], columns: Column<T>[], noun: Noun, nextCursor?: string | null): string {
  if (rows.length === 0) return tr(`${noun.feminine ? 'Aucune' : 'Aucun'} ${nounOf(noun)}.`, `No ${nounOf(noun, 2)}.`);
  const shown = `${rows.length} ${nounOf(noun, rows.length)}`;
  const more = tr(
    `${shown} ${rows.length === 1 ? (noun.feminine ? 'affichée' : 'affiché') : (noun.feminine ? 'affichées' : 'affichés')} ; il y en a d'autres : ajoutez --all, ou resserrez la liste avec des filtres.`,
    `${shown} shown; more exist: add --all, or narrow the list with filters.`,
  );
  return `${renderTable(rows, columns)}\n${nextCursor ? more : shown}`;
}
