import { anonymise, pseudonymise, type Anonymisable, type PseudonymKey } from './operators';
import type { AnonymisationOperator, ParsedPersonalData } from './personal-data';
import type { FieldTreatmentView, TransferInput, TransferMode } from './transfers.schema';

/**
 * A transfer's plan (issue 15, docs/adr/0030-transfers.md), pure: for each field chosen, what the declarations
 * say of it and what the transfer does. A personal field gets its declared operator, made stronger where the
 * mode asks it (a value kept for a legal obligation is never sent as it is; an anonymised transfer holds no
 * pseudonym); a reference to another record is pseudonymised (or left out when anonymised); a field with
 * nothing personal is copied. A sensitive field needs the officer's reason, a secret is never sent.
 */
type DeclaredTable = ParsedPersonalData['tables'][string];

/** Columns that open doors rather than describe a person (subject-export.ts reads them the same way). */
export const SECRET_COLUMN = /(password|secret|sealed|token|(^|_)hash$|^key$|^request_hash$|^storage_key$)/;
/** Columns a transfer never offers: the organisation's id, the row's version, and the row's id (its `ref` stands for it). */
const NEVER = new Set(['tenant_id', 'version', 'id']);
/** A link to a record: an id of another row, or who did something. */
export const isReference = (column: string) => /_id$|_by$/.test(column);

export type TransferProblem = { field: string; code: 'unknown-column' | 'secret-column' | 'sensitive' | 'not-sensitive' | 'table-twice' };

export interface TablePlan {
  table: string;
  fields: FieldTreatmentView[];
}

export function operatorLabel(op: AnonymisationOperator): string {
  if (op.kind === 'mask') return `mask:${op.keep}`;
  if (op.kind === 'generalise') return `generalise:${op.to}`;
  return op.kind;
}

/** The operator a transfer applies to a personal field in a mode. */
export function transferOperator(declared: AnonymisationOperator, mode: TransferMode): AnonymisationOperator {
  if (declared.kind === 'keep') return mode === 'pseudonymise' ? { kind: 'pseudonymise' } : { kind: 'erase' };
  if (declared.kind === 'pseudonymise' && mode === 'anonymise') return { kind: 'erase' };
  return declared;
}

const NOTES: Record<string, string> = {
  copy: 'Copié : rien de personnel selon la déclaration',
  'reference-pseudonymise': 'Lien vers une fiche, pseudonymisé avec la clé propre à ce destinataire',
  'reference-erase': 'Lien vers une fiche, retiré : un transfert anonymisé ne permet aucun rapprochement',
  'keep-pseudonymise': 'Conservé en interne pour une obligation légale, jamais transmis en clair : pseudonymisé',
  'keep-erase': 'Conservé en interne pour une obligation légale, jamais transmis en clair : effacé',
  'pseudonymise-erase': 'Pseudonymisé selon la déclaration, effacé ici : un transfert anonymisé ne contient aucun pseudonyme',
  erase: 'Effacé selon la déclaration',
  pseudonymise: 'Pseudonymisé (HMAC-SHA256) avec la clé propre à ce destinataire',
  mask: 'Masqué selon la déclaration',
  generalise: 'Généralisé selon la déclaration',
};

/** What a transfer can offer of a declared table: its columns, each with its nature. */
export function offeredColumns(declared: DeclaredTable): Array<Pick<FieldTreatmentView, 'column' | 'nature' | 'category' | 'sensitive' | 'declared'>> {
  const personal = Object.entries(declared.personal).filter(([c]) => !NEVER.has(c) && !SECRET_COLUMN.test(c))
    .map(([column, p]) => ({ column, nature: 'personal' as const, category: p.category, sensitive: p.sensitive, declared: operatorLabel(p.operator) }));
  const other = declared.notPersonal.filter((c) => !NEVER.has(c) && !SECRET_COLUMN.test(c) && c !== 'tenant_id')
    .map((column) => ({ column, nature: isReference(column) ? 'reference' as const : 'plain' as const, category: null, sensitive: false, declared: null }));
  return [...personal, ...other];
}

/** Plans a transfer over the declarations; answers the problems (with the input's field path) when some field cannot be sent. */
export function planTransfer(
  input: Pick<TransferInput, 'mode' | 'tables' | 'sensitive'>, declarations: ReadonlyMap<string, DeclaredTable>,
): { plan: TablePlan[]; problems: TransferProblem[] } {
  const problems: TransferProblem[] = [];
  const allowed = new Set(input.sensitive.map((s) => `${s.table}.${s.column}`));
  const sensitiveChosen = new Set<string>();
  const seen = new Set<string>();
  const plan = input.tables.map(({ table, columns }, ti): TablePlan => {
    if (seen.has(table)) problems.push({ field: `tables.${ti}.table`, code: 'table-twice' });
    seen.add(table);
    const declared = declarations.get(table);
    const fields: FieldTreatmentView[] = [];
    [...new Set(columns)].forEach((column, ci) => {
      const field = `tables.${ti}.columns.${ci}`;
      if (SECRET_COLUMN.test(column)) { problems.push({ field, code: 'secret-column' }); return; }
      const personal = declared?.personal[column];
      if (!declared || NEVER.has(column) || (!personal && !declared.notPersonal.includes(column))) { problems.push({ field, code: 'unknown-column' }); return; }
      if (!personal) {
        const reference = isReference(column);
        const applied = reference ? (input.mode === 'pseudonymise' ? 'pseudonymise' : 'erase') : 'copy';
        const note = reference ? NOTES[`reference-${applied}`]! : NOTES.copy!;
        fields.push({ table, column, nature: reference ? 'reference' : 'plain', category: null, sensitive: false, declared: null, applied, note });
        return;
      }
      if (personal.sensitive) {
        sensitiveChosen.add(`${table}.${column}`);
        if (!allowed.has(`${table}.${column}`)) { problems.push({ field, code: 'sensitive' }); return; }
      }
      const op = transferOperator(personal.operator, input.mode);
      const changed = op.kind !== personal.operator.kind ? `${personal.operator.kind}-${op.kind}` : op.kind;
      fields.push({
        table, column, nature: 'personal', category: personal.category, sensitive: personal.sensitive, declared: operatorLabel(personal.operator), applied: operatorLabel(op),
        note: personal.sensitive ? `${NOTES[changed]!} ; donnée sensible transmise sur autorisation motivée` : NOTES[changed]!,
      });
    });
    return { table, fields };
  });
  input.sensitive.forEach((s, i) => { if (!sensitiveChosen.has(`${s.table}.${s.column}`)) problems.push({ field: `sensitive.${i}.column`, code: 'not-sensitive' }); });
  return { plan, problems };
}

function operatorOf(applied: string): AnonymisationOperator {
  const [kind, arg] = applied.split(':') as [string, string | undefined];
  if (kind === 'mask') return { kind: 'mask', keep: arg as Extract<AnonymisationOperator, { kind: 'mask' }>['keep'] };
  if (kind === 'generalise') return { kind: 'generalise', to: arg as 'month' | 'year' };
  return { kind: kind as 'erase' | 'pseudonymise' | 'keep' };
}

function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return null;
  return value ?? null;
}

/**
 * One row as the recipient receives it: `ref` (pseudonymised mode only: the row's id under the recipient's key,
 * the same for the same record in every transfer to that recipient), then each planned field treated.
 */
export function transferRow(row: Record<string, unknown>, table: TablePlan, mode: TransferMode, key: PseudonymKey | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (mode === 'pseudonymise') out.ref = pseudonymise(String(row.id), key!);
  for (const f of table.fields) {
    const value = row[f.column];
    if (f.applied === 'copy') out[f.column] = plainValue(value);
    else if (f.nature === 'reference') out[f.column] = f.applied === 'pseudonymise' && value != null ? pseudonymise(String(value), key!) : null;
    else out[f.column] = plainValue(anonymise((value instanceof Date ? value : plainValue(value)) as Anonymisable, operatorOf(f.applied), key));
  }
  return out;
}

/** The columns of a table's CSV, in order. */
export function transferColumns(table: TablePlan, mode: TransferMode): string[] {
  return [...(mode === 'pseudonymise' ? ['ref'] : []), ...table.fields.map((f) => f.column)];
}
