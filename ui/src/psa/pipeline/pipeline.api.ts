import { http } from '@/api/client';

/** The MSP pipeline (spec 003 §2.1) — /api/v1/psa/pipeline, /psa/opportunities, /psa/interactions, /psa/reminders. */
export type StageOutcome = 'open' | 'won' | 'lost';
export type ContractType = 'hour-bank' | 'subscription' | 'time-and-material';
export const INTERACTION_KINDS = ['call', 'email', 'note', 'meeting', 'action'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export interface Opportunity {
  id: string;
  number: number;
  accountId: string;
  accountName: string;
  contactId: string | null;
  title: string;
  stageId: string;
  stageKey: string;
  stageOutcome: StageOutcome;
  rank: number;
  amountCents: number;
  probability: number;
  expectedCloseDate: string | null;
  ownerId: string | null;
  ownerName: string | null;
  quoteId: string | null;
  quoteStatus: string | null;
  contractId: string | null;
  lostReason: string | null;
  closedAt: string | null;
  notes: string | null;
  contractType: ContractType | null;
  contractPackMinutes: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Stage {
  id: string;
  key: string;
  labelFr: string;
  labelEn: string;
  position: number;
  defaultProbability: number;
  outcome: StageOutcome;
  version: number;
}

export interface BoardColumn extends Stage {
  count: number;
  amountCents: number;
  weightedCents: number;
  items: Opportunity[];
  /** More cards than the board shows (200 a column): the next ones through `more`. */
  nextCursor: string | null;
}

export interface Interaction {
  id: string;
  accountId: string;
  accountName: string;
  opportunityId: string | null;
  contactId: string | null;
  kind: InteractionKind;
  subject: string;
  body: string | null;
  occurredAt: string;
  authorId: string | null;
  authorName: string | null;
  remindAt: string | null;
  reminderOwnerId: string | null;
  reminderDoneAt: string | null;
  version: number;
}

export interface ReminderTask {
  id: string;
  kind: InteractionKind;
  subject: string;
  remindAt: string;
  accountId: string;
  accountName: string;
  opportunityId: string | null;
  opportunityTitle: string | null;
  version: number;
}

export interface OpportunityCreate {
  accountId: string;
  title: string;
  amountCents?: number;
  expectedCloseDate?: string | null;
  stageId?: string;
  contractType?: ContractType | null;
}

export interface InteractionCreate {
  accountId: string;
  kind: InteractionKind;
  subject: string;
  body?: string | null;
  opportunityId?: string | null;
  remindAt?: string | null;
}

const enc = encodeURIComponent;

export const pipelineApi = {
  board: (query: { ownerId?: string; accountId?: string; q?: string } = {}) => http.get<{ stages: BoardColumn[] }>('/psa/pipeline', query),
  /** « Voir plus » in a column: its next cards by rank, with the board's filters. */
  more: (stageId: string, cursor: string, query: { ownerId?: string; q?: string } = {}) =>
    http.get<{ items: Opportunity[]; nextCursor: string | null }>('/psa/opportunities', { stageId, sort: 'rank', limit: 200, cursor, ...query }),
  get: (id: string) => http.get<Opportunity>(`/psa/opportunities/${enc(id)}`),
  create: (body: OpportunityCreate, idempotencyKey: string) => http.post<Opportunity>('/psa/opportunities', body, { idempotencyKey }),
  update: (id: string, patch: Partial<Opportunity>, version: number) => http.patch<Opportunity>(`/psa/opportunities/${enc(id)}`, patch, version),
  move: (id: string, body: { stageId: string; beforeId?: string | null; afterId?: string | null; lostReason?: string }, version: number) =>
    http.post<Opportunity>(`/psa/opportunities/${enc(id)}/move`, body, { ifMatch: version }),
  quote: (id: string, idempotencyKey: string) => http.post<{ opportunity: Opportunity; quote: { id: string } }>(`/psa/opportunities/${enc(id)}/quote`, {}, { idempotencyKey }),
  journal: (query: { accountId?: string; opportunityId?: string }) => http.get<{ items: Interaction[] }>('/psa/interactions', { limit: 100, ...query }),
  log: (body: InteractionCreate, idempotencyKey: string) => http.post<Interaction>('/psa/interactions', body, { idempotencyKey }),
  reminderDone: (id: string, version: number) => http.patch<Interaction>(`/psa/interactions/${enc(id)}`, { reminderDone: true }, version),
  reminders: () => http.get<{ items: ReminderTask[] }>('/psa/reminders'),
};
