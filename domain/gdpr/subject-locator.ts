import type { Knex } from 'knex';
import { COLUMN_NAMES } from '../../db/knexfile';
import { personalDataDeclaration, type ParsedPersonalData } from './personal-data';
import type { ParsedDataSubject, ParsedSubjectLink } from './subjects.schema';

/**
 * Where a person's data is (issue 15, docs/adr/0023-rights-requests.md): from a subject kind and the
 * modules an organisation has, the links to follow (pure: `subjectPlan`, `reachableTables`), then the rows
 * themselves in the organisation's transaction (`locateSubject`, row-level security applies). Access and
 * portability export the rows found; erasure rewrites their personal columns with the declared operators.
 */
export interface DeclaredModule {
  module: string;
  declaration: unknown;
}

export interface SubjectPlan {
  subject: ParsedDataSubject;
  module: string;
  links: ParsedSubjectLink[];
  /** Table → the record type its rows have in the history (and in messages, agenda entries). */
  recordTypes: ReadonlyMap<string, string>;
}

/** Declarations are parsed once each (a list of requests names the kinds of every row). */
const parsedDeclarations = new WeakMap<object, ParsedPersonalData>();

function parsedOf(modules: readonly DeclaredModule[]): Array<{ module: string; parsed: ParsedPersonalData }> {
  return modules.map((m) => {
    const key = m.declaration as object;
    let parsed = parsedDeclarations.get(key);
    if (!parsed) {
      parsed = personalDataDeclaration.parse(m.declaration);
      parsedDeclarations.set(key, parsed);
    }
    return { module: m.module, parsed };
  });
}

/** Every subject kind the modules declare, with the module declaring it. */
export function subjectKinds(modules: readonly DeclaredModule[]): Array<{ module: string; subject: ParsedDataSubject }> {
  return parsedOf(modules).flatMap(({ module, parsed }) => parsed.subjects.map((subject) => ({ module, subject })));
}

/** The links of a subject kind over the modules (`undefined`: no module declares the kind). */
export function subjectPlan(kind: string, modules: readonly DeclaredModule[], recordTypes: ReadonlyMap<string, string>): SubjectPlan | undefined {
  const parsed = parsedOf(modules);
  const owner = parsed.flatMap(({ module, parsed: p }) => p.subjects.filter((s) => s.kind === kind).map((subject) => ({ module, subject })))[0];
  if (!owner) return undefined;
  const links = parsed.flatMap(({ parsed: p }) => [...(p.subjectLinks[kind] ?? []), ...(p.subjectLinks['*'] ?? [])]);
  return { subject: owner.subject, module: owner.module, links, recordTypes };
}

/** The tables the plan can reach, without reading any row (the coverage test proves every personal table is reached). */
export function reachableTables(plan: SubjectPlan): Set<string> {
  const reached = new Set<string>(plan.subject.table ? [plan.subject.table] : []);
  const hasAddresses = plan.subject.addresses.length > 0 || !plan.subject.table;
  for (let changed = true; changed;) {
    changed = false;
    for (const link of plan.links) {
      if (reached.has(link.table)) continue;
      const reachable = link.match === 'ref' ? reached.has(link.from ?? plan.subject.table ?? '')
        : link.match === 'address' ? hasAddresses
          : link.match === 'record' ? [...reached].some((t) => plan.recordTypes.has(t))
            : true;
      if (reachable) {
        reached.add(link.table);
        changed = true;
      }
    }
  }
  return reached;
}

export type Row = Record<string, unknown>;

export interface LocatedSubject {
  kind: string;
  id: string;
  /** The person's own row (null for a person known only by an address). */
  row: Row | null;
  /** What names them: their own row's name columns, or the address. */
  displayName: string;
  addresses: string[];
  /** Every row found, by table (database column names), tables in the order they were reached. */
  tables: Map<string, Row[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** More rows than this in one table for one person is not a person's data but a link declared too wide. */
const MAX_ROWS_PER_TABLE = 10_000;
const MAX_PASSES = 8;

function keyOf(row: Row): string {
  return row.id !== undefined && row.id !== null ? String(row.id) : JSON.stringify(row);
}

export function normaliseAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase().replace(/\s+/g, '');
  return v || null;
}

/**
 * Finds every row about one person in the transaction's organisation: their own row, then each link's
 * rows from what was found, pass after pass until a pass finds nothing new. Answers undefined when the
 * person's row does not exist (in this organisation: row-level security hides another's).
 */
export async function locateSubject(trx: Knex.Transaction, plan: SubjectPlan, id: string): Promise<LocatedSubject | undefined> {
  const select = (table: string) => trx(table).queryContext({ [COLUMN_NAMES]: true });
  const found = new Map<string, Map<string, Row>>();
  const add = (table: string, rows: Row[]): boolean => {
    const map = found.get(table) ?? new Map<string, Row>();
    found.set(table, map);
    let added = false;
    for (const row of rows) {
      const key = keyOf(row);
      if (!map.has(key)) {
        map.set(key, row);
        added = true;
      }
    }
    return added;
  };
  const { subject } = plan;
  let row: Row | null = null;
  let addresses: string[];
  if (subject.table) {
    if (!UUID.test(id)) return undefined;
    row = (await select(subject.table).where({ id }).first()) as Row | undefined ?? null;
    if (!row) return undefined;
    add(subject.table, [row]);
    addresses = subject.addresses.map((c) => normaliseAddress(row![c])).filter((a): a is string => Boolean(a));
  } else {
    const address = normaliseAddress(id);
    if (!address) return undefined;
    addresses = [address];
  }
  const values = (table: string, column: string) => [...(found.get(table)?.values() ?? [])].map((r) => r[column]).filter((v) => v !== null && v !== undefined).map(String);
  const ids = () => [id, ...[...found.values()].flatMap((m) => [...m.values()].map((r) => r.id))].filter((v): v is string => typeof v === 'string' && UUID.test(v));

  const query = async (link: ParsedSubjectLink): Promise<Row[]> => {
    switch (link.match) {
      case 'ref': {
        const from = values(link.from ?? subject.table ?? '', link.fromColumn);
        return from.length ? select(link.table).whereIn(link.column, [...new Set(from)]).limit(MAX_ROWS_PER_TABLE) : [];
      }
      case 'address':
        return addresses.length ? select(link.table).whereRaw(`regexp_replace(lower(??::text), '\\s', '', 'g') = any(?)`, [link.column, addresses]).limit(MAX_ROWS_PER_TABLE) : [];
      case 'record': {
        const pairs = [...found].flatMap(([table, rows]) => {
          const type = plan.recordTypes.get(table);
          return type ? [...rows.values()].map((r) => [type, String(r.id)]) : [];
        });
        return pairs.length ? select(link.table).whereIn([link.typeColumn, link.idColumn], pairs).limit(MAX_ROWS_PER_TABLE) : [];
      }
      case 'any-id':
        return select(link.table).whereRaw('??::text = any(?)', [link.column, ids()]).limit(MAX_ROWS_PER_TABLE);
      case 'mentions':
        return select(link.table).whereRaw('position(? in ??::text) > 0', [id, link.column]).limit(MAX_ROWS_PER_TABLE);
    }
  };

  for (let pass = 0, changed = true; changed && pass < MAX_PASSES; pass++) {
    changed = false;
    for (const link of plan.links) {
      if (add(link.table, await query(link))) changed = true;
    }
  }
  const tables = new Map<string, Row[]>();
  for (const [table, rows] of found) if (rows.size) tables.set(table, [...rows.values()]);
  const displayName = row ? subject.name.map((c) => row![c]).filter((v) => v !== null && v !== undefined && v !== '').join(' ') || id : id;
  return { kind: subject.kind, id, row, displayName, addresses, tables };
}
