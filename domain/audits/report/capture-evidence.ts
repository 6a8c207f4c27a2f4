import type { RequestContext } from '../../core/record-service';
import { captureCipher } from '../capture-cipher';
import { findingSpec, inventorySpec } from '../capture-kinds';
import { presentCaptured, type Row } from '../capture-records';
import type { ReportEvidence } from './evidence';
import type { ReportFinding, ReportInventoryItem } from './report.schema';

/**
 * The report's evidence from the capture area's records (ADR 0035): its rows opened with the tenant's
 * key by the capture's own `presentCaptured` (in clear: the report masks what its template says), a
 * finding's references taken from the library entry it started from. The caller's right to the
 * mission was checked by the report (report-store.ts) before; a finding accepted as a risk or fixed
 * since is still printed (the report says what was found).
 */
export const captureEvidence: ReportEvidence = {
  async findings(ctx: RequestContext, missionId: string): Promise<ReportFinding[]> {
    const rows = (await ctx.trx(findingSpec.table).where({ missionId }).orderBy([{ column: 'createdAt' }, { column: 'id' }])) as Row[];
    if (!rows.length) return [];
    const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
    const libraryIds = [...new Set(rows.map((r) => r.libraryFindingId).filter((id): id is string => !!id))];
    const references = new Map<string, string[]>(libraryIds.length
      ? ((await ctx.trx('auditLibraryFindings').whereIn('id', libraryIds).select('id', 'references')) as Row[]).map((r) => [String(r.id), (r.references as string[] | null) ?? []])
      : []);
    return rows.map((row) => {
      const f = presentCaptured(findingSpec, cipher, row, false);
      return {
        id: String(f.id), title: String(f.title), severity: f.severity as ReportFinding['severity'],
        cvssScore: (f.cvssScore as number | null) ?? null, cvssVector: (f.cvssVector as string | null) ?? null,
        likelihood: (f.likelihood as number | null) ?? null, impact: (f.impact as number | null) ?? null,
        description: String(f.description ?? ''), risk: String(f.risk ?? ''), recommendation: String(f.recommendation ?? ''),
        references: f.libraryFindingId ? references.get(String(f.libraryFindingId)) ?? [] : [],
      };
    });
  },
  async inventory(ctx: RequestContext, missionId: string): Promise<ReportInventoryItem[]> {
    const rows = (await ctx.trx(inventorySpec.table).where({ missionId }).orderBy([{ column: 'type' }, { column: 'createdAt' }, { column: 'id' }])) as Row[];
    if (!rows.length) return [];
    const cipher = await captureCipher(ctx.trx, ctx.principal.tenantId);
    return rows.map((row) => {
      const item = presentCaptured(inventorySpec, cipher, row, false);
      // The person who uses the device (`owner`) is never copied into a report.
      return {
        type: String(item.type), brand: (item.brand as string | null) ?? null, model: (item.model as string | null) ?? null, serial: (item.serial as string | null) ?? null,
        location: (item.location as string | null) ?? null, networkAddress: (item.networkAddress as string | null) ?? null,
      };
    });
  },
};
