import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { logger } from '../../config/logger';
import { processInboundMail, processWaitingMail, type ProcessOptions } from '../../domain/psa/mail-intake';
import { slugOfIntakeAddress, storeInboundMail, tenantOfIntakeAddress } from '../../domain/psa/mail-intake-store';
import type { InboundMailSink } from '../../integrations/mail/inbound.port';
import { listenInboundSmtp } from '../../integrations/mail/inbound-smtp.adapter';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { startWaitingReplyMails } from './ticket-reply-mails';

/**
 * The MSP's inbound mail server, run by the API (the psa module's start-up work, one process of a
 * cluster; every replica in production, each taking mail for all organisations):
 *
 * - SMTP on `host:port` (RELAIS_MAIL_INTAKE_*; loopback by default), through the inbound port's SMTP
 *   adapter: a recipient that is no organisation's intake address is refused (550) before the data;
 *   a message is answered 250 only once stored in `psa_inbound_mails` (committed), 552 over the size
 *   limit, 451 when it could not be stored (the sender retries: SMTP is store-and-forward);
 * - each stored mail is then processed (ticket, comment, triage) right away, one at a time, and
 *   whatever was stored but not processed (the API stopped in between) at start and every minute,
 *   with the ticket replies whose mail was not sent (api/psa/ticket-reply-mails.ts).
 *
 * Why the API: it is the network-facing, stateless piece that scales out (each replica may take
 * mail: storing is idempotent on the Message-ID and processing takes rows with skip locked), and it
 * already holds the Temporal client that starts a new ticket's process just after its commit. The
 * worker faces no network; a process of its own would need a core entry point naming a vertical.
 * Memory is bounded by maxClients × maxBytes.
 */
export interface MailIntakeOptions {
  host: string;
  port: number;
  mailDomain: string;
  maxBytes: number;
  /** Concurrent SMTP connections (default 10). */
  maxClients?: number;
  /** The sweep of mail stored but not processed (default 60 s; 0: none). */
  sweepMs?: number;
  /** STARTTLS with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer };
  /** AUTH required with these credentials (after STARTTLS when `tls` is set). */
  auth?: { user: string; password: string };
}

export interface MailIntakeDeps {
  knex: Knex;
  temporal?: () => Promise<Client>;
  taskQueue?: string;
  /** The documents' directory root (`$RELAIS_DATA_DIR`): attachments of mail that opens or joins a ticket are kept there. */
  dataDir?: string;
}

export interface MailIntake {
  readonly port: number;
  /** Resolves once every mail stored so far has been processed (tests). */
  settled(): Promise<void>;
  sweep(): Promise<number>;
  close(): Promise<void>;
}

export async function startMailIntake(deps: MailIntakeDeps, options: MailIntakeOptions): Promise<MailIntake> {
  const processing: ProcessOptions = { isIntakeAddress: (address) => slugOfIntakeAddress(address, options.mailDomain) !== null };
  // The documents' own storage (api/core/documents.router.ts reads them back from there).
  const storage = deps.dataDir ? localDiskStorage(path.resolve(deps.dataDir, 'documents')) : undefined;
  const processDeps = { ...deps, storage };
  // One mail processed at a time: a burst waits its turn instead of taking every database connection.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    queue = queue.then(work).catch((error: Error) => logger.error({ err: error }, 'inbound mail processing failed; the sweep tries again'));
    return queue;
  };
  const sink: InboundMailSink = {
    acceptsRecipient: async (address) => (await tenantOfIntakeAddress(deps.knex, address, options.mailDomain)) !== null,
    async store(envelope, raw) {
      const stored = await storeInboundMail(deps.knex, { mailFrom: envelope.mailFrom, recipients: envelope.recipients, raw }, options.mailDomain);
      if (!stored.length) return { ok: false, permanent: true, message: 'No such mailbox here' };
      for (const mail of stored) if (mail.created) void enqueue(() => processInboundMail(processDeps, mail.tenantId, mail.id, processing));
      return { ok: true };
    },
  };
  const listener = await listenInboundSmtp({ host: options.host, port: options.port, maxBytes: options.maxBytes, maxClients: options.maxClients ?? 10, tls: options.tls, auth: options.auth }, sink);
  // Mail stored but not processed, and ticket replies whose send did not start (the API stopped in between).
  const runSweep = async () => {
    const processed = await processWaitingMail(processDeps, processing);
    if (deps.temporal && deps.taskQueue) await startWaitingReplyMails({ knex: deps.knex, temporal: deps.temporal, taskQueue: deps.taskQueue });
    return processed;
  };
  const sweep = () => enqueue(runSweep);
  void sweep();
  const timer = options.sweepMs === 0 ? null : setInterval(() => void sweep(), options.sweepMs ?? 60_000);
  timer?.unref();
  logger.info({ port: listener.port, host: options.host }, 'mail intake listening');
  return {
    port: listener.port,
    settled: async () => { await queue; },
    sweep: async () => {
      let processed = 0;
      await enqueue(async () => { processed = await runSweep(); });
      return processed;
    },
    async close() {
      if (timer) clearInterval(timer);
      await listener.close();
      await queue;
    },
  };
}

/** The psa module's start-up work: the intake listens unless RELAIS_MAIL_INTAKE_PORT is 0; a port taken is logged, the API serves on. */
export async function startConfiguredMailIntake(deps: MailIntakeDeps): Promise<MailIntake | null> {
  const config = env();
  if (!config.RELAIS_MAIL_INTAKE_PORT) return null;
  try {
    const tls = config.RELAIS_MAIL_INTAKE_TLS_CERT && config.RELAIS_MAIL_INTAKE_TLS_KEY
      ? { cert: await fs.readFile(config.RELAIS_MAIL_INTAKE_TLS_CERT), key: await fs.readFile(config.RELAIS_MAIL_INTAKE_TLS_KEY) } : undefined;
    const auth = config.RELAIS_MAIL_INTAKE_USER && config.RELAIS_MAIL_INTAKE_PASSWORD
      ? { user: config.RELAIS_MAIL_INTAKE_USER, password: config.RELAIS_MAIL_INTAKE_PASSWORD } : undefined;
    return await startMailIntake(deps, {
      host: config.RELAIS_MAIL_INTAKE_HOST, port: config.RELAIS_MAIL_INTAKE_PORT, mailDomain: config.RELAIS_MAIL_DOMAIN, maxBytes: config.RELAIS_MAIL_MAX_BYTES, tls, auth,
    });
  } catch (error) {
    logger.error({ err: error, port: config.RELAIS_MAIL_INTAKE_PORT }, 'the mail intake could not listen (RELAIS_MAIL_INTAKE_PORT); mail is not received by this process');
    return null;
  }
}
