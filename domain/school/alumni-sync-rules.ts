import crypto from 'node:crypto';
import type { AlumnusIdentityPush, NetworkCareer, NetworkIdentity, NetworkMember } from '../../integrations/alumni-network/alumni-network.port';

/**
 * The rules of the two-way alumni sync (spec 004 constraint 9, issue 18, ADR 0051), without I/O:
 *  - the school's registry wins on identity (names, promotion, cursus): what Alumnet holds is compared, never
 *    taken; a difference is a conflict the school resolves by pushing its identity again (consenting alumni only);
 *  - Alumnet wins on career data (employer, job title, city of work, since): what it says replaces the school's
 *    current job, a job the school typed since the last pull counting as a conflict Alumnet won;
 *  - a member is matched by the reference the school gave it (the student id) or by the member id already
 *    linked, never by a name (a homonym is not guessed: the member is left aside);
 *  - only alumni who agreed to share their data with Alumnet (`school.alumnet-sharing`) are pushed, and the
 *    push has no field for the NIR.
 */
export type CareerSource = 'alumnet' | 'school';

export interface LocalCareer {
  id: string;
  employerName: string;
  jobTitle: string | null;
  city: string | null;
  startedOn: string | null;
  source: CareerSource;
  updatedAt: string;
}

export interface LocalAlumnus {
  studentId: string;
  identity: NetworkIdentity;
  professionalEmail: string | null;
  professionalPhone: string | null;
  /** Whether the alumnus agreed to share their data with Alumnet (the consent ledger's latest entry). */
  consented: boolean;
  link: { memberId: string; pushedHash: string | null; lastPulledAt: string | null } | null;
  career: LocalCareer | null;
}

/** A job Alumnet reports, with an employer. */
export interface PulledCareer extends NetworkCareer { employer: string }

export type CareerWrite =
  /** A new current job; the one it replaces (if any) ends. */
  | { kind: 'start'; studentId: string; memberId: string; career: PulledCareer; endsCareerId: string | null }
  /** The same job with its title, city or start date corrected. */
  | { kind: 'update'; studentId: string; memberId: string; careerId: string; career: PulledCareer };

export interface SyncConflict {
  studentId: string;
  memberId: string;
  about: 'identity' | 'career';
  /** The fields that differ (names only: never their values). */
  fields: string[];
  winner: 'school' | 'alumnet';
}

export interface PullPlan {
  careers: CareerWrite[];
  /** Members to link to their student (first seen, or seen under a new id). */
  links: Array<{ studentId: string; memberId: string }>;
  conflicts: SyncConflict[];
  /** Students whose identity Alumnet holds otherwise: pushed again this run (if they consented). */
  repush: string[];
  /** The students the members are (each once). */
  matched: string[];
  /** Members the school cannot match (no reference of ours, no link): left aside. */
  unmatched: number;
}

/** Lower case, accents and punctuation folded, spaces collapsed: how two spellings of the same name compare. */
export function fold(value: string | null | undefined): string {
  return (value ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const LEGAL_FORMS = new Set(['sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'scs', 'snc', 'se', 'sci', 'scop', 'groupe', 'group']);

/** A company's name without its legal form, folded (« BNP Paribas SA » and « bnp paribas » are one employer). */
export function employerKey(name: string): string {
  return fold(name).split(' ').filter((w) => w && !LEGAL_FORMS.has(w)).join(' ');
}

/** The account an employer is, when exactly one known company has its name (never a guess between two). */
export function matchEmployer(employer: string, accounts: ReadonlyArray<{ id: string; name: string }>): string | null {
  const key = employerKey(employer);
  if (!key) return null;
  const found = accounts.filter((a) => employerKey(a.name) === key);
  return found.length === 1 ? found[0]!.id : null;
}

/** The identity fields that differ between the school's and the network's. */
export function identityDifferences(school: NetworkIdentity, network: NetworkIdentity): string[] {
  const fields: string[] = [];
  if (fold(school.lastName) !== fold(network.lastName)) fields.push('lastName');
  if (fold(school.firstName) !== fold(network.firstName)) fields.push('firstName');
  if ((school.promotion ?? null) !== (network.promotion ?? null)) fields.push('promotion');
  if (fold(school.cursus) !== fold(network.cursus)) fields.push('cursus');
  return fields;
}

/** The career fields that differ between the school's current job and the network's. */
export function careerDifferences(local: LocalCareer, network: PulledCareer): string[] {
  const fields: string[] = [];
  if (employerKey(local.employerName) !== employerKey(network.employer)) fields.push('employer');
  if (fold(local.jobTitle) !== fold(network.jobTitle)) fields.push('jobTitle');
  if (fold(local.city) !== fold(network.city)) fields.push('city');
  if ((local.startedOn ?? null) !== (network.since ?? null)) fields.push('since');
  return fields;
}

function pulledCareer(career: NetworkCareer): PulledCareer | null {
  const employer = career.employer?.trim();
  return employer ? { ...career, employer } : null;
}

/**
 * What the members Alumnet changed mean for the school. `alumni` holds the local alumni the members may be
 * (by student id); `byMember` the student linked to each member id already known.
 */
export function planPull(members: readonly NetworkMember[], alumni: ReadonlyMap<string, LocalAlumnus>, byMember: ReadonlyMap<string, string>): PullPlan {
  const plan: PullPlan = { careers: [], links: [], conflicts: [], repush: [], matched: [], unmatched: 0 };
  const seen = new Set<string>();
  for (const member of members) {
    const studentId = (member.externalRef && alumni.has(member.externalRef) ? member.externalRef : null) ?? byMember.get(member.memberId) ?? null;
    const alumnus = studentId ? alumni.get(studentId) : undefined;
    // A member seen twice in one answer: the first (oldest) is read, the latest wins below by order.
    if (!studentId || !alumnus) {
      plan.unmatched += 1;
      continue;
    }
    if (seen.has(studentId)) plan.careers = plan.careers.filter((c) => c.studentId !== studentId);
    else plan.matched.push(studentId);
    seen.add(studentId);
    if (alumnus.link?.memberId !== member.memberId && !plan.links.some((l) => l.studentId === studentId && l.memberId === member.memberId)) {
      plan.links.push({ studentId, memberId: member.memberId });
    }

    const identityFields = identityDifferences(alumnus.identity, member.identity);
    if (identityFields.length) {
      plan.conflicts.push({ studentId, memberId: member.memberId, about: 'identity', fields: identityFields, winner: 'school' });
      if (alumnus.consented && !plan.repush.includes(studentId)) plan.repush.push(studentId);
    }

    const career = pulledCareer(member.career);
    // Alumnet knows no job: the school's stays (there is nothing to win with).
    if (!career) continue;
    const current = alumnus.career;
    if (!current) {
      plan.careers.push({ kind: 'start', studentId, memberId: member.memberId, career, endsCareerId: null });
      continue;
    }
    const fields = careerDifferences(current, career);
    if (!fields.length) continue;
    const typedSincePull = current.source === 'school' && (!alumnus.link?.lastPulledAt || current.updatedAt > alumnus.link.lastPulledAt);
    if (typedSincePull) plan.conflicts.push({ studentId, memberId: member.memberId, about: 'career', fields, winner: 'alumnet' });
    const sameJob = !fields.includes('employer') && !fields.includes('jobTitle');
    plan.careers.push(sameJob
      ? { kind: 'update', studentId, memberId: member.memberId, careerId: current.id, career }
      : { kind: 'start', studentId, memberId: member.memberId, career, endsCareerId: current.id });
  }
  return plan;
}

/** What the school shares of an alumnus: null without their consent. Never the NIR (the push has no field for it). */
export function identityPush(alumnus: LocalAlumnus): AlumnusIdentityPush | null {
  if (!alumnus.consented) return null;
  return {
    externalRef: alumnus.studentId,
    lastName: alumnus.identity.lastName.trim(),
    firstName: alumnus.identity.firstName.trim(),
    promotion: alumnus.identity.promotion ?? null,
    cursus: alumnus.identity.cursus?.trim() || null,
    professionalEmail: alumnus.professionalEmail?.trim() || null,
    professionalPhone: alumnus.professionalPhone?.trim() || null,
  };
}

/** A digest of what was pushed: an alumnus whose identity has not changed since is not pushed again. */
export function pushHash(push: AlumnusIdentityPush): string {
  const ordered = [push.externalRef, push.lastName, push.firstName, push.promotion, push.cursus, push.professionalEmail, push.professionalPhone];
  return crypto.createHash('sha256').update(JSON.stringify(ordered)).digest('base64url');
}

/** The identities to push this run: consenting alumni whose identity changed since the last push, or that Alumnet holds otherwise. */
export function planPush(alumni: Iterable<LocalAlumnus>, repush: readonly string[]): Array<{ push: AlumnusIdentityPush; hash: string }> {
  const out: Array<{ push: AlumnusIdentityPush; hash: string }> = [];
  for (const alumnus of alumni) {
    const push = identityPush(alumnus);
    if (!push) continue;
    const hash = pushHash(push);
    if (hash !== alumnus.link?.pushedHash || repush.includes(alumnus.studentId)) out.push({ push, hash });
  }
  return out;
}
