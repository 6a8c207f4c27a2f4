import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { SmsPort, SmsSendRequest, SmsStatus } from './sms.port';

/**
 * A pretend SMS provider for development, demos, tests and benchmarks. It
 * keeps what it "sent" in `sandbox_sms_outbox` and plays the life cycle Twilio
 * would: queued → sent → delivered, or failed / undelivered, reported through
 * `onStatus` as a status callback would. Like Twilio's magic test numbers, the
 * last four digits choose the outcome:
 *   …0000 → failed   …0001 → undelivered   …0002 → refused as invalid
 *   …0003 → provider outage (retryable)    anything else → delivered
 * Statuses pending in timers are lost if the process stops (a sandbox only).
 */
export interface SandboxSmsOptions {
  knex: Knex;
  tenantId: string;
  /** Delay between simulated status changes. */
  latencyMs?: number;
  from?: string;
  onStatus?: (update: { reference: string; providerMessageId: string; status: SmsStatus; errorCode?: string }) => Promise<void>;
}

export const SANDBOX_OUTCOMES = {
  '0000': { final: 'failed', errorCode: '30008' },
  '0001': { final: 'undelivered', errorCode: '30003' },
} as const satisfies Record<string, { final: SmsStatus; errorCode: string }>;

function sidFor(reference: string): string {
  return `SM${crypto.createHash('sha256').update(reference).digest('hex').slice(0, 32)}`;
}

export function createSandboxSmsAdapter(options: SandboxSmsOptions): SmsPort {
  const latency = options.latencyMs ?? 0;
  const scoped = <T>(fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId: options.tenantId }, fn, options.knex);

  async function progress(request: SmsSendRequest, sid: string): Promise<void> {
    const outcome = SANDBOX_OUTCOMES[request.to.slice(-4) as keyof typeof SANDBOX_OUTCOMES];
    const steps: Array<{ status: SmsStatus; errorCode?: string }> = [{ status: 'sent' }, outcome ? { status: outcome.final, errorCode: outcome.errorCode } : { status: 'delivered' }];
    for (const step of steps) {
      await new Promise((resolve) => setTimeout(resolve, latency));
      await scoped((trx) => trx('sandboxSmsOutbox').where({ reference: request.reference }).update({ status: step.status }));
      await options.onStatus?.({ reference: request.reference, providerMessageId: sid, ...step });
    }
  }

  return {
    provider: 'sandbox',
    async send(request) {
      const suffix = request.to.slice(-4);
      if (suffix === '0002') return { ok: false, reason: 'invalid_number', retryable: false, code: '21211', message: `The sandbox refuses ${request.to} as an invalid number.` };
      if (suffix === '0003') return { ok: false, reason: 'unavailable', retryable: true, code: 'HTTP 503', message: 'The sandbox simulates a provider outage for this number.' };
      const sid = sidFor(request.reference);
      // Keyed on our reference: sending the same message twice stores it once.
      const inserted = await scoped((trx) => trx('sandboxSmsOutbox')
        .insert({ tenantId: options.tenantId, reference: request.reference, sid, recipient: request.to, sender: options.from ?? null, body: request.body, status: 'queued', statusCallback: request.statusCallbackUrl ?? null })
        .onConflict(['tenantId', 'reference']).ignore()
        .returning('id'));
      if (inserted.length) {
        progress(request, sid).catch(() => undefined);
      }
      return { ok: true, providerMessageId: sid, status: 'queued' };
    },
    async findSent(lookup) {
      const row = await scoped((trx) => trx('sandboxSmsOutbox').where({ reference: lookup.reference }).first('sid', 'status'));
      return { ok: true, found: row ? { providerMessageId: row.sid, status: row.status } : null };
    },
  };
}
