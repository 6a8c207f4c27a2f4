import type { AuditScope, CheckAnswer, CheckPointUpdate } from './catalogue.schema';

/**
 * The catalogue's rules, pure (ADR 0034): when an edit makes a new version, which check points a bulk
 * selection adds to a mission, and what answering a check records.
 */

/** The text of a check point that a mission copies: what a version is made of. */
export interface CheckPointText {
  scope: AuditScope;
  title: string;
  guidance: string;
  references: string[];
  expectedEvidence: string;
  appliesTo: string[];
  position: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The next version of a check point after an edit: `null` when the edit changes nothing audited (no new
 * version; a new position alone is saved in place), else the full text of the next version, numbered
 * after the latest one of its code.
 */
export function nextVersion(current: CheckPointText & { catalogueVersion: number }, patch: CheckPointUpdate, latestVersion: number):
  (CheckPointText & { catalogueVersion: number }) | null {
  const next: CheckPointText = {
    scope: patch.scope ?? current.scope,
    title: patch.title ?? current.title,
    guidance: patch.guidance ?? current.guidance,
    references: patch.references ?? current.references,
    expectedEvidence: patch.expectedEvidence ?? current.expectedEvidence,
    appliesTo: patch.appliesTo ?? current.appliesTo,
    position: patch.position ?? current.position,
  };
  // The position is the catalogue's layout, not what is audited: moving a check point makes no new version.
  const changed = (Object.keys(next) as Array<keyof CheckPointText>).some((k) => k !== 'position' && !same(next[k], current[k]));
  return changed ? { ...next, catalogueVersion: Math.max(latestVersion, current.catalogueVersion) + 1 } : null;
}

export interface Candidate { id: string; code: string; scope: AuditScope }

/**
 * What a bulk selection adds: the candidates (current check points of the chosen scopes or ids) whose code
 * the mission does not have yet for that site; each code once. Selecting again adds nothing (idempotent):
 * a code already there stays at the version it was selected from.
 */
export function selectionPlan<C extends Candidate>(candidates: readonly C[], existingCodes: ReadonlySet<string>): { add: C[]; skipped: number } {
  const seen = new Set(existingCodes);
  const add: C[] = [];
  let skipped = 0;
  for (const c of candidates) {
    if (seen.has(c.code)) { skipped += 1; continue; }
    seen.add(c.code);
    add.push(c);
  }
  return { add, skipped };
}

export interface CheckState { answer: CheckAnswer; observation: string | null; answeredBy: string | null; answeredAt: Date | null }

/**
 * A check once answered: who answered and when are set whenever the answer or the observation changes
 * (the latest word), and cleared when it goes back to « non vérifié » without an observation.
 * `null` when nothing changes.
 */
export function answered(current: CheckState, input: { answer?: CheckAnswer; observation?: string | null }, userId: string | null, now: Date): CheckState | null {
  const answer = input.answer ?? current.answer;
  const observation = input.observation === undefined ? current.observation : (input.observation?.trim() || null);
  if (answer === current.answer && observation === current.observation) return null;
  if (answer === 'not_checked' && observation === null) return { answer, observation, answeredBy: null, answeredAt: null };
  return { answer, observation, answeredBy: userId, answeredAt: now };
}

/** Missions whose checklist no longer changes. */
export const CLOSED_MISSION_STATUSES = ['delivered', 'anonymised'] as const;
export const checklistOpen = (status: string) => !(CLOSED_MISSION_STATUSES as readonly string[]).includes(status);

/** A checklist's progress, by answer (the capture screen's counter). */
export function progress(answers: readonly CheckAnswer[]): Record<CheckAnswer, number> & { total: number; done: number } {
  const out = { compliant: 0, non_compliant: 0, not_applicable: 0, not_checked: 0, total: answers.length, done: 0 };
  for (const a of answers) out[a] += 1;
  out.done = out.total - out.not_checked;
  return out;
}
