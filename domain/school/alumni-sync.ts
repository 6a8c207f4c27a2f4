import type { Knex } from 'knex';
import type { AlumnusIdentityPush, NetworkMember } from '../../integrations/alumni-network/alumni-network.port';
import { matchEmployer, planPull, planPush, type CareerWrite, type LocalAlumnus, type PullPlan } from './alumni-sync-rules';
import { processContext } from '../core/process-context';
import { succeedRun } from './alumni-sync-runs';
import { updateStudent } from './students';

/**
 * The alumni sync's reads and its one write (ADR 0051), around the rules of alumni-sync-rules.ts: the sync
 * reads what it needs (`alumniForMembers`, `pushCandidates`), calls the network with no transaction held, then
 * writes everything a run changes in ONE transaction (`applySync`): the careers Alumnet reported, the members
 * linked, what was pushed, the network's clock and the run's success. A run that fails before that writes none of it.
 */
type Row = Record<string, unknown>;

/** The consent purpose of sharing one's data with Alumnet (declared by the alumni part; the ledger's channel). */
export const ALUMNET_SHARING = { purpose: 'school.alumnet-sharing', channel: 'alumnet' } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

function alumniQuery(trx: Knex.Transaction) {
  return trx('schoolStudents as s')
    .leftJoin('schoolAlumnetLinks as l', 'l.studentId', 's.id')
    .leftJoin('schoolAlumniCareers as c', (j) => j.on('c.studentId', 's.id').andOnNull('c.endedOn'))
    .joinRaw(`left join lateral (
        select e.decision, e.expires_at from gdpr_consent_entries e
        where e.subject_kind = 'user' and e.subject_id = s.user_id and e.purpose = ? and e.channel = ?
        order by e.occurred_at desc, e.recorded_at desc limit 1) g on true`, [ALUMNET_SHARING.purpose, ALUMNET_SHARING.channel])
    .where('s.status', 'alumni')
    .select('s.id', 's.lastName', 's.firstName', 's.promotion', 's.cursus', 's.professionalPhone', 's.updatedAt',
      'l.memberId', 'l.pushedHash', 'l.lastPulledAt', 'l.lastPushedAt',
      'c.id as careerId', 'c.employerName', 'c.jobTitle', 'c.city', 'c.startedOn', 'c.source', 'c.updatedAt as careerUpdatedAt',
      trx.raw("(g.decision = 'opt-in' and (g.expires_at is null or g.expires_at > now())) as consented"));
}

function toAlumnus(r: Row): LocalAlumnus {
  return {
    studentId: String(r.id),
    identity: { lastName: String(r.lastName), firstName: String(r.firstName), promotion: r.promotion === null ? null : Number(r.promotion), cursus: (r.cursus as string | null) ?? null },
    // The registry keeps no professional e-mail of its own yet: only the professional phone is shared.
    professionalEmail: null,
    professionalPhone: (r.professionalPhone as string | null) ?? null,
    consented: r.consented === true,
    link: r.memberId ? { memberId: String(r.memberId), pushedHash: (r.pushedHash as string | null) ?? null, lastPulledAt: iso(r.lastPulledAt) } : null,
    career: r.careerId ? {
      id: String(r.careerId), employerName: String(r.employerName), jobTitle: (r.jobTitle as string | null) ?? null, city: (r.city as string | null) ?? null,
      startedOn: (r.startedOn as string | null) ?? null, source: r.source as 'alumnet' | 'school', updatedAt: iso(r.careerUpdatedAt)!,
    } : null,
  };
}

/** The local alumni the members may be (by our reference or their link) and the members already linked. */
export async function alumniForMembers(trx: Knex.Transaction, members: readonly NetworkMember[]): Promise<{ alumni: Map<string, LocalAlumnus>; byMember: Map<string, string> }> {
  const refs = [...new Set(members.map((m) => m.externalRef).filter((r): r is string => Boolean(r && UUID.test(r))))];
  const memberIds = [...new Set(members.map((m) => m.memberId))];
  const alumni = new Map<string, LocalAlumnus>();
  const byMember = new Map<string, string>();
  const linked: Row[] = memberIds.length ? await trx('schoolAlumnetLinks').whereIn('memberId', memberIds).select('memberId', 'studentId') : [];
  for (const l of linked) byMember.set(String(l.memberId), String(l.studentId));
  const ids = [...new Set([...refs, ...byMember.values()])];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await alumniQuery(trx).whereIn('s.id', ids.slice(i, i + 1000)) as Row[]) alumni.set(String(r.id), toAlumnus(r));
  }
  return { alumni, byMember };
}

/** The pull's plan for these members. */
export async function planPullFor(trx: Knex.Transaction, members: readonly NetworkMember[]): Promise<{ plan: PullPlan; alumni: Map<string, LocalAlumnus> }> {
  const { alumni, byMember } = await alumniForMembers(trx, members);
  return { plan: planPull(members, alumni, byMember), alumni };
}

/** The identities to push: consenting alumni changed since their last push (or never pushed), and those named. */
export async function pushCandidates(trx: Knex.Transaction, also: readonly string[]): Promise<Array<{ push: AlumnusIdentityPush; hash: string }>> {
  const rows: Row[] = await alumniQuery(trx)
    .where((w) => {
      w.whereNull('l.lastPushedAt').orWhereRaw('s.updated_at > l.last_pushed_at');
      if (also.length) w.orWhereIn('s.id', also);
    })
    .orderBy('s.id');
  return planPush(rows.map(toAlumnus), also);
}

/** Alumni the school pushed who no longer consent: the network is asked to delete them (their link goes). */
export async function forgetCandidates(trx: Knex.Transaction): Promise<string[]> {
  const rows: Row[] = await alumniQuery(trx).whereNotNull('l.pushedHash').orderBy('s.id');
  return rows.map(toAlumnus).filter((a) => !a.consented).map((a) => a.studentId);
}

export interface AppliedSync {
  pulled: number;
  pushed: number;
  conflicts: number;
}

/** The career row a write sets, its employer matched to a known company. */
function careerValues(write: CareerWrite, accounts: ReadonlyArray<{ id: string; name: string }>) {
  return {
    employerName: write.career.employer.slice(0, 200), accountId: matchEmployer(write.career.employer, accounts),
    jobTitle: write.career.jobTitle?.slice(0, 200) ?? null, city: write.career.city?.slice(0, 120) ?? null, startedOn: write.career.since,
    source: 'alumnet' as const, alumnetMemberId: write.memberId,
  };
}

/**
 * The registry's employer of an alumnus (`school_students.company_id`, the company module's account) follows the
 * job Alumnet reports — the known company, or none when Alumnet names an employer the school does not know — through
 * the registry's one write path, credited to the sync in the student's history.
 */
async function followEmployers(trx: Knex.Transaction, tenantId: string, runId: string, employers: ReadonlyMap<string, string | null>): Promise<void> {
  if (!employers.size) return;
  const current: Row[] = await trx('schoolStudents').whereIn('id', [...employers.keys()]).select('id', 'companyId');
  const ctx = processContext(trx, tenantId, `${tenantId}/school-alumni-sync/${runId}`, ['school.student.read', 'school.student.update']);
  for (const row of current) {
    const companyId = employers.get(String(row.id)) ?? null;
    if ((row.companyId ?? null) !== companyId) await updateStudent(ctx, String(row.id), '*', { companyId });
  }
}

/**
 * Everything a successful run changes, in the caller's one transaction: careers (Alumnet wins), links, what
 * was pushed (its hash), the pulled members' date, the network's clock and the run marked succeeded.
 */
export async function applySync(trx: Knex.Transaction, tenantId: string, input: {
  runId: string;
  plan: PullPlan;
  pulledStudents: readonly string[];
  pushed: ReadonlyArray<{ studentId: string; memberId: string; hash: string }>;
  /** Students the network deleted (consent withdrawn). */
  forgotten?: readonly string[];
  asOf: string;
}): Promise<AppliedSync> {
  const { plan } = input;
  const accounts: Array<{ id: string; name: string }> = plan.careers.length ? await trx('accounts').select('id', 'name') : [];
  const employers = new Map<string, string | null>();
  for (const write of plan.careers) {
    const values = careerValues(write, accounts);
    if (write.kind === 'start') employers.set(write.studentId, values.accountId);
    if (write.kind === 'update') {
      await trx('schoolAlumniCareers').where({ id: write.careerId }).update({ ...values, version: trx.raw('version + 1') });
      continue;
    }
    if (write.endsCareerId) {
      await trx('schoolAlumniCareers').where({ id: write.endsCareerId }).whereNull('endedOn')
        .update({ endedOn: write.career.since ?? trx.raw('current_date'), version: trx.raw('version + 1') });
    }
    await trx('schoolAlumniCareers').insert({ tenantId, studentId: write.studentId, ...values });
  }
  await followEmployers(trx, tenantId, input.runId, employers);
  const links = new Map<string, { memberId: string; hash?: string }>();
  for (const l of plan.links) links.set(l.studentId, { memberId: l.memberId });
  for (const p of input.pushed) links.set(p.studentId, { memberId: p.memberId, hash: p.hash });
  for (const [studentId, link] of links) {
    // A member id already linked to another student stays with it (never two students for one member).
    const taken = await trx('schoolAlumnetLinks').where({ memberId: link.memberId }).whereNot({ studentId }).first('studentId');
    if (taken) continue;
    const pushed = link.hash ? { pushedHash: link.hash, lastPushedAt: trx.fn.now() } : {};
    await trx('schoolAlumnetLinks').insert({ tenantId, studentId, memberId: link.memberId, ...pushed })
      .onConflict(['tenantId', 'studentId']).merge({ memberId: link.memberId, ...pushed });
  }
  if (input.forgotten?.length) await trx('schoolAlumnetLinks').whereIn('studentId', input.forgotten).delete();
  if (input.pulledStudents.length) await trx('schoolAlumnetLinks').whereIn('studentId', input.pulledStudents).update({ lastPulledAt: trx.fn.now() });
  await trx('schoolAlumnetConnections').update({ pullCursor: input.asOf });
  const applied = { pulled: input.pulledStudents.length, pushed: input.pushed.length, conflicts: plan.conflicts.length };
  await succeedRun(trx, input.runId, { ...applied, errors: 0 });
  return applied;
}
