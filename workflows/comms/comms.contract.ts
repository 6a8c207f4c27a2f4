import { defineQuery } from '@temporalio/workflow';

/**
 * What the comms workflows, their activities and the API share: failure
 * types, inputs and the progress query (STYLE §3: typed constants, never
 * string names at call sites).
 */
export const COMMS_FAILURE = {
  /** A rule says no (invalid number, STOP, no consent, missing variable): final, with its reason. */
  refused: 'CommsRefused',
  /** The provider refused the message for good (bad credentials, content). */
  rejected: 'CommsRejected',
  invalidInput: 'CommsInvalidInput',
  /** Outage or timeout at the provider: retried with backoff. */
  unavailable: 'CommsProviderUnavailable',
  /** The organisation's per-minute limit is reached: retried when the minute ends. */
  rateLimited: 'CommsRateLimited',
} as const;

/** The comms workflows' names: the API starts them by name, with a type-only import of the workflow. */
export const COMMS_WORKFLOW = {
  sendOne: 'sendOneMessage',
  bulkSend: 'bulkSend',
} as const;

export interface RetrySettings {
  maximumAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
}

/** As the engine passes it to a service task (activities/registry.ts ServiceTaskMeta). */
export interface SendMeta {
  tenantId: string;
  workflowId: string;
  elementId: string;
  loopCounter: number;
  idempotencyKey: string;
}

export type SendActivityName = 'comms.sms.send' | 'comms.mail.send';

export interface SendOneInput {
  activity: SendActivityName;
  input: Record<string, unknown>;
  meta: SendMeta;
  /** Copied from the activity registry by the caller, as the engine does for a plan. */
  retry: RetrySettings;
  timeoutMs: number;
}

export interface CampaignCounts {
  sent: number;
  refused: number;
  failed: number;
}

export interface BulkSendInput {
  tenantId: string;
  campaignId: string;
  activity: SendActivityName;
  templateKey: string;
  language: 'fr' | 'en';
  variables?: Record<string, unknown>;
  ratePerMinute: number;
  retry: RetrySettings;
  timeoutMs: number;
  total: number;
  /** Where the previous run stopped (continue-as-new carries it). */
  afterPosition?: number;
  counts?: CampaignCounts;
  pace?: { next: number };
  /** Sends running at once. */
  maxInFlight?: number;
  /** Messages sent by one activity (commsSendBatch); fewer when the pacing allows fewer now. */
  batchSize?: number;
  /** Recipients handled by one run before it continues as new (keeps the history small). */
  recipientsPerRun?: number;
}

/** One activity's share of a campaign: its recipients, sent with the campaign's template. */
export interface SendBatchInput {
  tenantId: string;
  campaignId: string;
  /** The campaign's workflow id: the messages' `sentByProcess`. */
  workflowId: string;
  activity: SendActivityName;
  templateKey: string;
  language: 'fr' | 'en';
  variables?: Record<string, unknown>;
  recipients: Array<{ position: number; contactId: string }>;
}

/**
 * Each recipient's outcome in a batch. `retry`: not sent yet (provider
 * outage, the organisation's limit, an unexpected error); the workflow sends
 * it again on its own, with the activity's retry policy.
 */
export type SendBatchOutcome =
  | { position: number; outcome: keyof CampaignCounts }
  | { position: number; outcome: 'retry'; reason: string; delayMs?: number };

export interface CampaignProgress extends CampaignCounts {
  total: number;
  processed: number;
  inFlight: number;
}

export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');
