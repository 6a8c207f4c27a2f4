import crypto from 'node:crypto';
import type { SimulatedSms, SmsPort, SmsStatus } from './sms.port';

/**
 * A pretend SMS provider for development, demos, tests and benchmarks. It
 * sends nothing and writes nothing: it answers what it "sent" (`simulated`,
 * kept by the caller in the organisation's sandbox outbox) with the life
 * cycle Twilio would report, queued → sent → delivered, or failed /
 * undelivered; `playSandboxLifecycle` reports those statuses one by one, as
 * status callbacks would. Like Twilio's magic test numbers, the last four
 * digits choose the outcome:
 *   …0000 → failed   …0001 → undelivered   …0002 → refused as invalid
 *   …0003 → provider outage (retryable)    anything else → delivered
 * Statuses pending in timers are lost if the process stops (a sandbox only).
 */
export interface SandboxSmsOptions {
  from?: string;
  /** The sandbox's memory of what it sent (the outbox the caller keeps), for findSent. */
  lookup: (reference: string) => Promise<{ sid: string; status: SmsStatus } | null>;
}

export type SandboxStatusUpdate = { reference: string; providerMessageId: string; status: SmsStatus; errorCode?: string };

export const SANDBOX_OUTCOMES = {
  '0000': { final: 'failed', errorCode: '30008' },
  '0001': { final: 'undelivered', errorCode: '30003' },
} as const satisfies Record<string, { final: SmsStatus; errorCode: string }>;

function sidFor(reference: string): string {
  return `SM${crypto.createHash('sha256').update(reference).digest('hex').slice(0, 32)}`;
}

export function createSandboxSmsAdapter(options: SandboxSmsOptions): SmsPort {
  return {
    provider: 'sandbox',
    async send(request) {
      const suffix = request.to.slice(-4);
      if (suffix === '0002') return { ok: false, reason: 'invalid_number', retryable: false, code: '21211', message: `The sandbox refuses ${request.to} as an invalid number.` };
      if (suffix === '0003') return { ok: false, reason: 'unavailable', retryable: true, code: 'HTTP 503', message: 'The sandbox simulates a provider outage for this number.' };
      const sid = sidFor(request.reference);
      const outcome = SANDBOX_OUTCOMES[suffix as keyof typeof SANDBOX_OUTCOMES];
      const simulated: SimulatedSms = {
        reference: request.reference, sid, recipient: request.to, sender: options.from ?? null, body: request.body, statusCallback: request.statusCallbackUrl ?? null,
        lifecycle: [{ status: 'sent' }, outcome ? { status: outcome.final, errorCode: outcome.errorCode } : { status: 'delivered' }],
      };
      return { ok: true, providerMessageId: sid, status: 'queued', simulated };
    },
    async findSent(lookup) {
      const row = await options.lookup(lookup.reference);
      return { ok: true, found: row ? { providerMessageId: row.sid, status: row.status } : null };
    },
  };
}

/** Reports a simulated message's statuses one by one, `latencyMs` apart, as the provider's status callbacks would. */
export async function playSandboxLifecycle(simulated: SimulatedSms, latencyMs: number, onStatus: (update: SandboxStatusUpdate) => Promise<void>): Promise<void> {
  for (const step of simulated.lifecycle) {
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    await onStatus({ reference: simulated.reference, providerMessageId: simulated.sid, ...step });
  }
}
