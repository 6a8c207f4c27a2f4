import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { env } from '../../config/env';
import { startMailIntake, type MailIntake } from '../../api/psa/mail-intake.service';
import { testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The intake with a certificate and credentials (ADR 0019): STARTTLS offered, AUTH required, and a
 * password only accepted once the connection is encrypted. A real SMTP exchange on loopback
 * (nodemailer), with a certificate made for the test by openssl and checked by the client.
 */
describe('psa: the mail intake with STARTTLS and AUTH', () => {
  const MAIL_DOMAIN = env().RELAIS_MAIL_DOMAIN;
  const credentials = { user: 'relais-relay', pass: 'mot-de-passe-du-relais' };
  let t: TestContext;
  let intake: MailIntake;
  let tenant: OwnTenant;
  let cert: Buffer;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-intake-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    cert = fs.readFileSync(path.join(dir, 'cert.pem'));
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'mail-tls', ['psa']);
    await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Étude Martin', email: 'accueil@etude-martin.example' });
    intake = await startMailIntake({ knex: t.knex }, {
      host: '127.0.0.1', port: 0, mailDomain: MAIL_DOMAIN, maxBytes: 64 * 1024, sweepMs: 0,
      tls: { cert, key: fs.readFileSync(path.join(dir, 'key.pem')) }, auth: { user: credentials.user, password: credentials.pass },
    });
  });
  afterAll(async () => {
    await intake?.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const mail = (): SendMailOptions => ({
    from: 'paul@etude-martin.example', to: `support@${tenant.slug}.${MAIL_DOMAIN}`, subject: 'Poste bloqué', text: 'Mon poste ne démarre plus.', messageId: `<${crypto.randomUUID()}@etude-martin.example>`,
  });
  const send = async (options: SendMailOptions, transport: Parameters<typeof nodemailer.createTransport>[0]) => {
    const client = nodemailer.createTransport(transport);
    try {
      return await client.sendMail(options).then(() => 250, (error: { responseCode?: number }) => error.responseCode ?? -1);
    } finally {
      client.close();
    }
  };
  const stored = (messageId: unknown) => t.admin('psaInboundMails').where({ tenantId: tenant.tenantId, messageId: String(messageId) });

  it('takes mail from a sender that upgrades to TLS (the certificate verified) and authenticates; the ticket opens', async () => {
    const message = mail();
    const code = await send(message, { host: '127.0.0.1', port: intake.port, secure: false, requireTLS: true, tls: { ca: cert, servername: 'localhost' }, auth: credentials });
    expect(code).toBe(250);
    await intake.settled();
    expect((await stored(message.messageId))[0]).toMatchObject({ status: 'ticket' });
  });

  it('refuses a sender without credentials (530), with wrong ones (535), and a password before STARTTLS (538); nothing is stored', async () => {
    const tls = { ca: cert, servername: 'localhost' };
    const anonymous = mail();
    expect(await send(anonymous, { host: '127.0.0.1', port: intake.port, secure: false, requireTLS: true, tls })).toBe(530);
    const wrong = mail();
    expect(await send(wrong, { host: '127.0.0.1', port: intake.port, secure: false, requireTLS: true, tls, auth: { ...credentials, pass: 'pas-le-bon-mot-de-passe' } })).toBe(535);
    const clear = mail();
    expect(await send(clear, { host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true, auth: credentials })).toBe(538);
    await intake.settled();
    for (const m of [anonymous, wrong, clear]) expect(await stored(m.messageId)).toHaveLength(0);
  });
});
