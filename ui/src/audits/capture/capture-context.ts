import type { Fields, LocalRecord } from './sync/types';

/**
 * What the local assistant is told of a site (issue 16, ADR 0037): the hardware met (type, brand,
 * model) and the observations the auditor can read here — never serials, addresses or people, and
 * nothing masked. One line each, newest first as the screen shows them.
 */
const clean = (value: Fields[string] | undefined): string => (value === null || value === undefined ? '' : String(value).trim());

export function assistantContext(records: readonly LocalRecord[], typeLabel: (type: string) => string): string {
  const lines: string[] = [];
  for (const r of records) {
    if (r.deleted || r.masked) continue;
    const f = r.fields;
    if (r.kind === 'inventory') {
      const line = [f.type ? typeLabel(String(f.type)) : '', clean(f.brand), clean(f.model)].filter(Boolean).join(' ');
      if (line) lines.push(line);
    } else if (r.kind === 'observations' && clean(f.body)) lines.push(clean(f.body));
  }
  return lines.join('\n');
}

/** A likelihood × impact pair that rates as the library's default severity (domain/audits/severity.ts's grid). */
export const GRID_OF_SEVERITY: Record<string, { likelihood: number; impact: number }> = {
  info: { likelihood: 1, impact: 1 },
  low: { likelihood: 1, impact: 2 },
  medium: { likelihood: 2, impact: 2 },
  high: { likelihood: 3, impact: 3 },
  critical: { likelihood: 4, impact: 4 },
};

/** A new finding's fields from a library entry (its texts, its default severity as a grid rating). */
export function findingFromLibrary(entry: { id: string; title: string; description: string; risk: string; recommendation: string; defaultSeverity: string }): Fields {
  const grid = GRID_OF_SEVERITY[entry.defaultSeverity] ?? GRID_OF_SEVERITY.medium;
  return {
    libraryFindingId: entry.id, title: entry.title, description: entry.description || null, risk: entry.risk || null,
    recommendation: entry.recommendation || null, method: 'grid', likelihood: grid.likelihood, impact: grid.impact, cvssVector: null,
  };
}
