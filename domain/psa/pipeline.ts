/**
 * The pipeline's pure rules (issue 14, spec 003 §2.1): the default stages of an organisation, the
 * rank of a card dropped between two others in a kanban column, and what entering a stage does to an
 * opportunity (a won or lost stage closes it, lost needs a reason, an open stage reopens it).
 */
export type StageOutcome = 'open' | 'won' | 'lost';

export interface StageDefinition {
  key: string;
  labelFr: string;
  labelEn: string;
  defaultProbability: number;
  outcome: StageOutcome;
}

/** Lead → Qualifié → Proposition → Négociation → Gagné / Perdu, editable afterwards by the MSP admin. */
export const DEFAULT_STAGES: readonly StageDefinition[] = [
  { key: 'lead', labelFr: 'Lead', labelEn: 'Lead', defaultProbability: 10, outcome: 'open' },
  { key: 'qualified', labelFr: 'Qualifié', labelEn: 'Qualified', defaultProbability: 25, outcome: 'open' },
  { key: 'proposal', labelFr: 'Proposition', labelEn: 'Proposal', defaultProbability: 50, outcome: 'open' },
  { key: 'negotiation', labelFr: 'Négociation', labelEn: 'Negotiation', defaultProbability: 75, outcome: 'open' },
  { key: 'won', labelFr: 'Gagné', labelEn: 'Won', defaultProbability: 100, outcome: 'won' },
  { key: 'lost', labelFr: 'Perdu', labelEn: 'Lost', defaultProbability: 0, outcome: 'lost' },
];

/** The gap left between ranks appended at the end of a column. */
export const RANK_STEP = 1024;

/**
 * The rank of a card put between `before` (the card above it, or null at the top) and `after` (the
 * card below, or null at the bottom): the middle, or a step past the one neighbour. Ranks are
 * doubles, so halving has about fifty levels before two neighbours meet; `needsRenumbering` says when.
 */
export function rankBetween(before: number | null, after: number | null): number {
  if (before === null && after === null) return RANK_STEP;
  if (before === null) return after! - RANK_STEP;
  if (after === null) return before + RANK_STEP;
  return (before + after) / 2;
}

/** Two neighbours too close for another card between them: the column is renumbered by RANK_STEP. */
export function needsRenumbering(before: number | null, after: number | null): boolean {
  if (before === null || after === null) return false;
  const middle = (before + after) / 2;
  return !(middle > before && middle < after);
}

export interface OpportunityState {
  stageOutcome: StageOutcome;
  probability: number;
  closedAt: string | Date | null;
  lostReason: string | null;
}

export type StageEntry =
  | { ok: true; changes: { probability?: number; closedAt?: 'now' | null; lostReason?: null } }
  | { ok: false; problem: 'lost-reason-required' };

/**
 * What entering a stage changes. Into a won or lost stage: closed now (unless it already was in that
 * outcome), probability 100 or 0; lost needs a reason (the one given with the move, or the one it
 * has). Into an open stage: the stage's default probability unless one is given, and a closed
 * opportunity reopens (closing date and lost reason cleared).
 */
export function enterStage(current: OpportunityState, stage: { outcome: StageOutcome; defaultProbability: number }, given: { probability?: number; lostReason?: string | null }): StageEntry {
  if (stage.outcome === 'lost' && !(given.lostReason ?? current.lostReason)?.trim()) return { ok: false, problem: 'lost-reason-required' };
  if (stage.outcome === 'won') return { ok: true, changes: { probability: 100, closedAt: current.stageOutcome === 'won' && current.closedAt ? undefined : 'now', lostReason: null } };
  if (stage.outcome === 'lost') return { ok: true, changes: { probability: 0, closedAt: current.stageOutcome === 'lost' && current.closedAt ? undefined : 'now' } };
  return {
    ok: true,
    changes: {
      probability: given.probability ?? stage.defaultProbability,
      ...(current.stageOutcome !== 'open' || current.closedAt ? { closedAt: null, lostReason: null } : {}),
    },
  };
}

/** The amount weighted by its probability, in cents (what the pipeline's forecast sums). */
export function weightedAmount(amountCents: number, probability: number): number {
  return Math.round((amountCents * probability) / 100);
}

/** A reminder is due once its time has come and nobody marked it done. */
export function reminderDue(reminder: { remindAt: string | Date | null; reminderDoneAt: string | Date | null }, now: Date): boolean {
  return reminder.remindAt !== null && reminder.reminderDoneAt === null && new Date(reminder.remindAt).getTime() <= now.getTime();
}
