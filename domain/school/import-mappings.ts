import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { DEFAULT_MAPPING_COLUMNS, DEFAULT_MAPPING_NAME, mappingColumns, type Mapping, type MappingInput } from './import-mapping.schema';
import { importMessage as m } from './import.messages';

/**
 * The import's column mappings (ADR 0050): saved by name, each save a new version, never changed; the default one
 * (the specification's headers) installed with the organisation, so the school's file imports without configuration.
 */
interface MappingRow { id: string; name: string; version: number; columns: unknown; createdBy: string | null; createdAt: Date | string }

function toMapping(r: MappingRow): Mapping {
  return { id: r.id, name: r.name, version: r.version, columns: mappingColumns.parse(r.columns), createdBy: r.createdBy, createdAt: new Date(r.createdAt).toISOString() };
}

/** Installs the default mapping (version 1 of « Référentiel ACME ») when the organisation has none by that name. */
export async function ensureDefaultMapping(trx: Knex.Transaction, tenantId: string): Promise<void> {
  await trx.raw(`insert into school_import_mappings (tenant_id, name, version, columns)
    select ?::uuid, ?, 1, ?::jsonb where not exists (select 1 from school_import_mappings where name = ?)
    on conflict do nothing`, [tenantId, DEFAULT_MAPPING_NAME, JSON.stringify(DEFAULT_MAPPING_COLUMNS), DEFAULT_MAPPING_NAME]);
}

/** Every version of every mapping, the newest first within a name. */
export async function listMappings(trx: Knex.Transaction, tenantId: string): Promise<Mapping[]> {
  await ensureDefaultMapping(trx, tenantId);
  const rows: MappingRow[] = await trx('schoolImportMappings').orderBy([{ column: 'name' }, { column: 'version', order: 'desc' }]);
  return rows.map(toMapping);
}

/** Saves a mapping: a new version of its name (1 for a new name). */
export async function saveMapping(trx: Knex.Transaction, tenantId: string, userId: string | null, input: MappingInput): Promise<Mapping> {
  await trx.raw("select pg_advisory_xact_lock(hashtext('school-import-mapping:' || ?))", [`${tenantId}/${input.name}`]);
  const [{ max }] = await trx('schoolImportMappings').where({ name: input.name }).max('version as max') as Array<{ max: number | null }>;
  const [row] = await trx('schoolImportMappings')
    .insert({ tenantId, name: input.name, version: (max ?? 0) + 1, columns: JSON.stringify(input.columns), createdBy: userId })
    .returning('*') as MappingRow[];
  return toMapping(row!);
}

/** The mapping a run uses: the one asked for by id, else the newest version of a name (the default's by default). */
export async function resolveMapping(trx: Knex.Transaction, tenantId: string, ask: { id?: string; name?: string | null } = {}): Promise<Mapping> {
  await ensureDefaultMapping(trx, tenantId);
  const query = trx('schoolImportMappings');
  if (ask.id) query.where({ id: ask.id });
  else query.where({ name: ask.name ?? DEFAULT_MAPPING_NAME }).orderBy('version', 'desc');
  const row = await query.first() as MappingRow | undefined;
  if (!row) throw new NotFoundError(m('school.import.mapping-not-found'));
  return toMapping(row);
}
