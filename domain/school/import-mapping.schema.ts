import { z } from 'zod';

/**
 * A column mapping of the student import (ADR 0050): which header of the file each field is read from. Saved by
 * name and versioned: saving a mapping adds a version; a run records the version it used. The name, NIR and status
 * columns are required; the others may be left out (the field is then not imported).
 */
export const IMPORT_FIELDS = ['name', 'nir', 'status', 'address', 'company', 'phones', 'cursus'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const header = z.string().trim().min(1).max(120);

export const mappingColumns = z.object({
  /** « Nom Prénom » (case 2). */
  name: header,
  /** « Numéro de sécurité sociale »: the natural key. */
  nir: header,
  /** « Statut »: prospect, en fonction, alumni. */
  status: header,
  /** « Adresse postale » (case 3). */
  address: header.optional(),
  /** « Leur entreprise si alumni »: matched to an account by name or legacy id. */
  company: header.optional(),
  /** « Téléphone personnel et professionnel » (case 4). */
  phones: header.optional(),
  /** « Curscus » (sic). */
  cursus: header.optional(),
}).strict();
export type MappingColumns = z.infer<typeof mappingColumns>;

/** What is sent to save a mapping (a new version of `name`). */
export const mappingInput = z.object({
  name: z.string().trim().min(1).max(80),
  columns: mappingColumns,
}).strict();
export type MappingInput = z.infer<typeof mappingInput>;

export const mappingSchema = mappingInput.extend({
  id: z.string().uuid(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  createdBy: z.string().uuid().nullable(),
});
export type Mapping = z.infer<typeof mappingSchema>;

/** The default mapping: the specification's own headers, shipped with the tenant (version 1). */
export const DEFAULT_MAPPING_NAME = 'Référentiel ACME';
export const DEFAULT_MAPPING_COLUMNS: MappingColumns = {
  name: 'Nom Prénom',
  nir: 'Numéro de sécurité sociale',
  status: 'Statut',
  address: 'Adresse postale',
  company: 'Leur entreprise si alumni',
  phones: 'Téléphone personnel et professionnel',
  cursus: 'Curscus',
};

/** The drop-folder settings of the daily import (school-lead). */
export const importSettingsInput = z.object({
  /**
   * The folder the day's file is dropped in, under the organisation's own drop area on the server
   * (`<RELAIS_DATA_DIR>/school-drop/<organisation id>/`): a relative path, never `..`, so that no organisation reads another's files.
   */
  dropFolder: z.string().trim().min(1).max(200).regex(/^(?!.*(?:^|\/)\.\.(?:\/|$))[\p{L}\p{N} _.\-/]+$/u, 'dossier relatif, sans « .. »').refine((v) => !v.startsWith('/'), 'dossier relatif, sans « / » au début').nullable(),
  ownerUserId: z.string().uuid().nullable(),
  mappingName: z.string().trim().min(1).max(80).nullable(),
  enabled: z.boolean(),
  hour: z.number().int().min(0).max(23),
}).strict();
export type ImportSettingsInput = z.infer<typeof importSettingsInput>;

/** The query of an upload: `dryRun` as text, an optional mapping id. */
export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional(),
  mappingId: z.string().uuid().optional(),
  /** Who sends it: the web page (upload) or the CLI. */
  source: z.enum(['upload', 'cli']).optional(),
}).strict();
