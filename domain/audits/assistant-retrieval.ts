import type { Knex } from 'knex';
import type { AssistantSource } from './assistant.schema';

/**
 * The embedded assistant's retrieval (docs/adr/0037-local-assistant.md): PostgreSQL full text over the
 * tenant's own control catalogue (current check points) and finding library, under row-level security —
 * another organisation's catalogue is never read. `query` is a `to_tsquery` text built by `anyOf`.
 */
export interface RetrievedCheckPoint {
  kind: 'check-point';
  id: string;
  code: string;
  title: string;
  guidance: string;
  expectedEvidence: string;
  rank: number;
}

export interface RetrievedFinding {
  kind: 'library-finding';
  id: string;
  title: string;
  description: string;
  risk: string;
  recommendation: string;
  references: string[];
  rank: number;
}

export type Retrieved = RetrievedCheckPoint | RetrievedFinding;

/** Current check points matching, best first; those already on the mission's checklist are left out (complementary only). */
export async function searchCheckPoints(trx: Knex.Transaction, query: string, missionId: string, limit: number): Promise<RetrievedCheckPoint[]> {
  const { rows } = await trx.raw(`
    select cp.id, cp.code, cp.title, cp.guidance, cp.expected_evidence, ts_rank_cd(cp.search, q) as rank
      from audit_check_points cp, to_tsquery('french', ?) q
     where cp.retired_at is null and cp.search @@ q
       and not exists (select 1 from audit_mission_checks mc where mc.mission_id = ? and mc.code = cp.code)
     order by rank desc, cp.code
     limit ?`, [query, missionId, limit]);
  return rows.map((r: Record<string, unknown>) => ({
    kind: 'check-point', id: String(r.id), code: String(r.code), title: String(r.title), guidance: String(r.guidance ?? ''), expectedEvidence: String(r.expected_evidence ?? ''), rank: Number(r.rank),
  }));
}

export async function searchLibrary(trx: Knex.Transaction, query: string, limit: number): Promise<RetrievedFinding[]> {
  const { rows } = await trx.raw(`
    select f.id, f.title, f.description, f.risk, f.recommendation, f."references", ts_rank_cd(f.search, q) as rank
      from audit_library_findings f, to_tsquery('french', ?) q
     where f.search @@ q
     order by rank desc, f.title
     limit ?`, [query, limit]);
  return rows.map((r: Record<string, unknown>) => ({
    kind: 'library-finding', id: String(r.id), title: String(r.title), description: String(r.description ?? ''), risk: String(r.risk ?? ''),
    recommendation: String(r.recommendation ?? ''), references: (r.references as string[] | null) ?? [], rank: Number(r.rank),
  }));
}

export async function libraryFinding(trx: Knex.Transaction, id: string): Promise<RetrievedFinding | null> {
  const r = await trx('auditLibraryFindings').where({ id }).first('id', 'title', 'description', 'risk', 'recommendation', 'references');
  return r ? { kind: 'library-finding', id: String(r.id), title: String(r.title), description: String(r.description), risk: String(r.risk), recommendation: String(r.recommendation), references: r.references ?? [], rank: 1 } : null;
}

/** How a retrieved entry is cited. */
export function sourceOf(r: Retrieved): AssistantSource {
  return { kind: r.kind, id: r.id, title: r.kind === 'check-point' ? `${r.code} — ${r.title}` : r.title };
}

/** The entry's text as given to a model (what it may draw on). */
export function sourceText(r: Retrieved): string {
  return r.kind === 'check-point'
    ? [r.guidance, r.expectedEvidence && `Preuves attendues : ${r.expectedEvidence}`].filter(Boolean).join('\n')
    : [r.description, r.risk && `Risque : ${r.risk}`, r.recommendation && `Recommandation : ${r.recommendation}`].filter(Boolean).join('\n');
}
