import type { Fields, LocalKind, ServerRow } from './types';

/**
 * Each captured kind's fields as the forms edit them, and how they become the API's bodies
 * (domain/audits/capture.schema.ts) and come back from its rows.
 */
export const KIND_FIELDS: Record<LocalKind, readonly string[]> = {
  inventory: ['siteId', 'type', 'brand', 'model', 'serial', 'location', 'networkAddress', 'owner', 'notes'],
  observations: ['siteId', 'body', 'peopleMet'],
  findings: ['siteId', 'libraryFindingId', 'title', 'description', 'risk', 'recommendation', 'method', 'cvssVector', 'likelihood', 'impact'],
  uploads: ['siteId', 'caption', 'fileName', 'contentType'],
};

/** Fields the API requires (never sent as null). */
const REQUIRED = new Set(['siteId', 'type', 'body', 'title']);

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
};

/** The body of a POST (with the client's `id`) or a PATCH (every editable field). */
export function toBody(kind: LocalKind, fields: Fields, id?: string): Record<string, unknown> {
  const body: Record<string, unknown> = id ? { id } : {};
  if (kind === 'findings') {
    body.siteId = text(fields.siteId);
    body.title = text(fields.title) ?? '';
    for (const key of ['description', 'risk', 'recommendation']) body[key] = text(fields[key]);
    // The library entry it started from (counted as a use by the server): sent when there is one.
    if (text(fields.libraryFindingId)) body.libraryFindingId = text(fields.libraryFindingId);
    body.rating = fields.method === 'grid'
      ? { method: 'grid', likelihood: Number(fields.likelihood ?? 1), impact: Number(fields.impact ?? 1) }
      : { method: 'cvss', vector: text(fields.cvssVector) ?? '' };
    return body;
  }
  if (kind === 'uploads') return { ...body, siteId: text(fields.siteId), caption: text(fields.caption) };
  for (const key of KIND_FIELDS[kind]) {
    const value = text(fields[key]);
    body[key] = value === null && REQUIRED.has(key) ? '' : value;
  }
  return body;
}

/** A row the API answered, as the forms' fields. */
export function fromRow(kind: LocalKind, row: ServerRow): Fields {
  const fields: Fields = {};
  for (const key of KIND_FIELDS[kind]) {
    const value = row[key === 'method' ? 'severityMethod' : key];
    fields[key] = typeof value === 'number' || typeof value === 'string' ? value : null;
  }
  if (kind === 'findings' && typeof row.severity === 'string') fields.severity = row.severity;
  return fields;
}

/** The fields whose values differ between two versions of a record (a conflict's rows). */
export function differingFields(kind: LocalKind, mine: Fields, theirs: Fields): string[] {
  return KIND_FIELDS[kind].filter((key) => (text(mine[key]) ?? '') !== (text(theirs[key]) ?? ''));
}
