import { z } from 'zod';
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from '../planning/business-time';

/**
 * A ticket's SLA (spec 003 §2.3, §6.2), pure: which targets apply, when each is due, when each
 * escalation level falls, how much time is left. Counted in business minutes of the policy's
 * calendar (domain/planning/business-time.ts); time paused while waiting for the client is not
 * counted (the ticket stores it as `sla_paused_minutes`, business minutes).
 *
 * The policy of a ticket: the one set on the ticket, else its contract's, else that of an active
 * contract of its client (a client's policy is its contract's), else the organisation's default.
 */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const SLA_TARGET_KINDS = ['response', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

const minutes = z.number().int().min(1).max(525_600);
export const slaTargetSchema = z.object({ responseMinutes: minutes, resolutionMinutes: minutes }).strict()
  .refine((t) => t.resolutionMinutes >= t.responseMinutes, { message: 'psa.sla.resolution-before-response', path: ['resolutionMinutes'] });
export const slaTargetsSchema = z.object({ low: slaTargetSchema, normal: slaTargetSchema, high: slaTargetSchema, critical: slaTargetSchema }).strict();
export type SlaTarget = z.infer<typeof slaTargetSchema>;
export type SlaTargets = z.infer<typeof slaTargetsSchema>;
/** Ascending percentages of a target, the last one 100 (the breach): [70, 90, 100]. */
export const escalationPercentsSchema = z.array(z.number().int().min(1).max(100)).min(1).max(5)
  .refine((p) => p.every((v, i) => i === 0 || v > p[i - 1]!), { message: 'psa.sla.levels' })
  .refine((p) => p.at(-1) === 100, { message: 'psa.sla.levels' });

/** The defaults a new MSP organisation gets: business minutes by priority (critical: 30 min / 4 h; low: 1 day / 5 days). */
export const DEFAULT_SLA_TARGETS: SlaTargets = {
  low: { responseMinutes: 510, resolutionMinutes: 2550 },
  normal: { responseMinutes: 240, resolutionMinutes: 1020 },
  high: { responseMinutes: 60, resolutionMinutes: 510 },
  critical: { responseMinutes: 30, resolutionMinutes: 240 },
};
export const DEFAULT_ESCALATION_PERCENTS = [70, 90, 100] as const;

export interface SlaPolicyRef { id: string; isDefault?: boolean }

/**
 * The policy that applies, by id: the ticket's own, else its contract's, else the first active
 * contract of its client that has one, else the default. Null: no policy at all (no SLA).
 */
export function chooseSlaPolicy(sources: {
  ticketPolicyId?: string | null;
  contractPolicyId?: string | null;
  accountPolicyIds?: ReadonlyArray<string | null>;
  defaultPolicyId?: string | null;
}): string | null {
  return sources.ticketPolicyId ?? sources.contractPolicyId ?? sources.accountPolicyIds?.find((id) => !!id) ?? sources.defaultPolicyId ?? null;
}

export interface SlaLevel {
  percent: number;
  at: Date;
}
export interface SlaClock {
  targetMinutes: number;
  dueAt: Date;
  /** One per escalation percent, ascending; the last is the breach (100 %). */
  levels: SlaLevel[];
}

/**
 * When a target of `targetMinutes` business minutes falls due for a ticket opened at `openedAt`
 * whose clock was paused `pausedMinutes` business minutes so far, and when each escalation level
 * falls. Levels still ahead are exact: every pause so far happened before them. A level passed before
 * a pause moves later with it, which changes nothing once it was recorded (recorded once).
 */
export function slaClock(calendar: BusinessCalendar, openedAt: Date, targetMinutes: number, pausedMinutes: number, percents: readonly number[]): SlaClock {
  const at = (share: number) => addBusinessMinutes(calendar, openedAt, share + Math.max(0, pausedMinutes));
  return {
    targetMinutes,
    dueAt: at(targetMinutes),
    levels: percents.map((percent) => ({ percent, at: at((targetMinutes * percent) / 100) })),
  };
}

export interface TicketSlaPlan {
  response: SlaClock;
  resolution: SlaClock;
}

export function ticketSlaPlan(calendar: BusinessCalendar, ticket: { openedAt: Date; priority: TicketPriority; pausedMinutes: number }, targets: SlaTargets, percents: readonly number[]): TicketSlaPlan {
  const target = targets[ticket.priority];
  return {
    response: slaClock(calendar, ticket.openedAt, target.responseMinutes, ticket.pausedMinutes, percents),
    resolution: slaClock(calendar, ticket.openedAt, target.resolutionMinutes, ticket.pausedMinutes, percents),
  };
}

/** Business minutes of a pause (from when the ticket started waiting for the client to when it resumed). */
export function pausedBusinessMinutes(calendar: BusinessCalendar, intervals: ReadonlyArray<{ from: Date; to: Date }>): number {
  return intervals.reduce((sum, i) => sum + Math.max(0, businessMinutesBetween(calendar, i.from, i.to)), 0);
}

export interface SlaStanding {
  /** Business minutes counted so far (pauses excluded). */
  elapsedMinutes: number;
  /** Business minutes left before the breach (negative once breached). */
  remainingMinutes: number;
  /** Share of the target used, in percent (may pass 100). */
  percent: number;
  /** The highest escalation percent reached, null before the first. */
  level: number | null;
  paused: boolean;
}

/**
 * Where a clock stands at `now` (the list's « temps restant »): counted from the opening, less the
 * pauses already ended, and stopped at `pausedSince` while the ticket waits for the client.
 */
export function slaStanding(calendar: BusinessCalendar, clock: { openedAt: Date; targetMinutes: number; pausedMinutes: number; pausedSince?: Date | null; stoppedAt?: Date | null }, now: Date, percents: readonly number[] = DEFAULT_ESCALATION_PERCENTS): SlaStanding {
  const end = clock.stoppedAt ?? clock.pausedSince ?? now;
  const elapsedMinutes = Math.max(0, businessMinutesBetween(calendar, clock.openedAt, end) - clock.pausedMinutes);
  const percent = (elapsedMinutes * 100) / clock.targetMinutes;
  const reached = percents.filter((p) => percent >= p);
  return {
    elapsedMinutes,
    remainingMinutes: clock.targetMinutes - elapsedMinutes,
    percent,
    level: reached.length ? reached.at(-1)! : null,
    paused: !!clock.pausedSince && !clock.stoppedAt,
  };
}
