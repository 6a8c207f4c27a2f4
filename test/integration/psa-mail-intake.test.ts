import crypto from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import request from 'supertest';
import { commsActivities } from '../../activities/comms/comms.wiring';
import { env } from '../../config/env';
import { startMailIntake, type MailIntake } from '../../api/psa/mail-intake.service';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { mailHeader, startLoopbackSmtp } from '../support/loopback-smtp';

/**
 * Spec 003 §2.3 / issue 14: e-mail → ticket through a real SMTP exchange on loopback (nodemailer as
 * the client, the intake's smtp-server as the server), replies threading into their ticket.
 */
describe('psa: inbound mail becomes tickets and comments (SMTP on loopback)', () => {
  // The API's own (it writes Reply-To from it).
  const MAIL_DOMAIN = env().RELAIS_MAIL_DOMAIN;
  // Room for the attachments test (a 5 MB file past the per-file limit, base64 in the mail); the size test sends twice this.
  const MAX_BYTES = 8 * 1024 * 1024;
  let t: TestContext;
  let intake: MailIntake;
  let a: OwnTenant;
  let b: OwnTenant;
  let accountA: string;
  let contactA: string;
  let transport: Transporter;
  const addressOf = (tenant: OwnTenant) => `support@${tenant.slug}.${MAIL_DOMAIN}`;
  const newId = () => `<${crypto.randomUUID()}@client.example>`;

  async function send(mail: SendMailOptions): Promise<void> {
    await transport.sendMail(mail);
    await intake.settled();
  }
  const inbound = (tenant: OwnTenant, messageId: string) => t.admin('psaInboundMails').where({ tenantId: tenant.tenantId, messageId });
  const ticketOf = (tenant: OwnTenant, messageId: string) => t.admin('psaTickets').where({ tenantId: tenant.tenantId, threadMessageId: messageId });

  beforeAll(async () => {
    t = testContext();
    a = await createOwnTenant(t.admin, 'mail-a', ['psa']);
    b = await createOwnTenant(t.admin, 'mail-b', ['psa']);
    const [account] = await t.admin('accounts').insert({ tenantId: a.tenantId, number: 1, name: 'Cabinet Durand', email: 'accueil@cabinet-durand.example' }).returning('id');
    accountA = account.id;
    const [contact] = await t.admin('contacts').insert({ tenantId: a.tenantId, accountId: accountA, firstName: 'Claire', lastName: 'Durand', email: 'Claire.Durand@cabinet-durand.example' }).returning('id');
    contactA = contact.id;
    intake = await startMailIntake({ knex: t.knex, dataDir: t.deps.dataDir }, { host: '127.0.0.1', port: 0, mailDomain: MAIL_DOMAIN, maxBytes: MAX_BYTES, sweepMs: 0 });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true });
  });

  afterAll(async () => {
    transport?.close();
    await intake?.close();
    await t.close();
  });

  it('opens a ticket from a client contact\'s mail: source email, requester, thread Message-ID, the text as description', async () => {
    const messageId = newId();
    await send({ from: 'Claire Durand <claire.durand@cabinet-durand.example>', to: addressOf(a), subject: 'Imprimante en panne', text: 'Bonjour,\nl\'imprimante du 2e étage ne répond plus.\nClaire', messageId });
    const [ticket] = await ticketOf(a, messageId);
    expect(ticket).toMatchObject({
      accountId: accountA, contactId: contactA, title: 'Imprimante en panne', source: 'email', status: 'open',
      requesterEmail: 'claire.durand@cabinet-durand.example',
    });
    expect(ticket.description).toContain('l\'imprimante du 2e étage ne répond plus.');
    const [row] = await inbound(a, messageId);
    expect(row).toMatchObject({ status: 'ticket', ticketId: ticket.id, accountId: accountA, senderEmail: 'claire.durand@cabinet-durand.example', subject: 'Imprimante en panne' });
  });

  it('threads a reply (In-Reply-To) into the same ticket as the client\'s comment, and a waiting ticket resumes', async () => {
    const first = newId();
    await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'VPN', text: 'Le VPN refuse mon mot de passe.', messageId: first });
    const [ticket] = await ticketOf(a, first);
    await t.admin('psaTickets').where({ id: ticket.id }).update({ status: 'waiting' });

    const reply = newId();
    await send({
      from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: `Re: [#${ticket.number}] VPN`, messageId: reply, inReplyTo: first, references: [first],
      text: 'C\'est bon, ça remarche.\n\nLe 3 déc. 2026 à 10:00, Support a écrit :\n> Pouvez-vous réessayer ?',
    });
    const comments = await t.admin('psaTicketComments').where({ tenantId: a.tenantId, ticketId: ticket.id });
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ source: 'email', visibility: 'public', messageId: reply, authorEmail: 'claire.durand@cabinet-durand.example', body: 'C\'est bon, ça remarche.' });
    expect((await t.admin('psaTickets').where({ id: ticket.id }).first('status')).status).toBe('open');
    expect(await ticketOf(a, reply)).toHaveLength(0);

    // A later answer to that comment's mail (References only) joins the same ticket too.
    const again = newId();
    await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'Re: VPN', messageId: again, references: [first, reply], text: 'Merci !' });
    expect(await t.admin('psaTicketComments').where({ tenantId: a.tenantId, ticketId: ticket.id })).toHaveLength(2);
  });

  it('threads by the subject tag « [#n] » a mail from the ticket\'s client, but not one from a stranger', async () => {
    const first = newId();
    await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'Messagerie lente', text: 'Outlook met 2 minutes à s\'ouvrir.', messageId: first });
    const [ticket] = await ticketOf(a, first);
    // A colleague at the same client (same domain), from a new mail: tag only.
    await send({ from: 'marc@cabinet-durand.example', to: addressOf(a), subject: `[#${ticket.number}] Messagerie lente`, text: 'Même chose chez moi.', messageId: newId() });
    expect(await t.admin('psaTicketComments').where({ ticketId: ticket.id }).select('authorEmail')).toEqual([{ authorEmail: 'marc@cabinet-durand.example' }]);

    const stranger = newId();
    await send({ from: 'someone@elsewhere.example', to: addressOf(a), subject: `[#${ticket.number}] Messagerie lente`, text: 'Injecté', messageId: stranger });
    expect(await t.admin('psaTicketComments').where({ ticketId: ticket.id })).toHaveLength(1);
    expect((await inbound(a, stranger))[0]).toMatchObject({ status: 'unknown-sender', ticketId: null });
  });

  it('a duplicate delivery of the same mail makes one ticket', async () => {
    const messageId = newId();
    const mail = { from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'Écran noir', text: 'Mon écran reste noir.', messageId };
    await send(mail);
    await send(mail);
    expect(await ticketOf(a, messageId)).toHaveLength(1);
    expect(await inbound(a, messageId)).toHaveLength(1);
  });

  it('keeps a mail\'s attachments on the ticket it opens and the comment it joins (documents of the client, on the timeline, downloadable), and names those it refused', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% Relevé d\'erreurs\n');
    const messageId = newId();
    await send({
      from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'Scanner en erreur', text: 'Voir la capture et le rapport.', messageId,
      attachments: [
        { filename: 'capture.png', content: Buffer.from('89504e470d0a1a0a', 'hex'), contentType: 'image/png' },
        { filename: 'rapport.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'outil.exe', content: Buffer.from('MZ'), contentType: 'application/x-msdownload' },
        { filename: 'facture.pdf.exe', content: Buffer.from('MZ'), contentType: 'application/pdf' },
        { filename: 'gros.pdf', content: Buffer.alloc(5 * 1024 * 1024 + 1, 0x25), contentType: 'application/pdf' },
      ],
    });
    const [ticket] = await ticketOf(a, messageId);
    expect(ticket).toBeDefined();
    expect(ticket.description).toContain('Voir la capture et le rapport.');
    expect(ticket.description).toContain('Pièces jointes non conservées :');
    expect(ticket.description).toContain('- outil.exe : type de fichier non accepté (application/x-msdownload, .exe)');
    expect(ticket.description).toContain('- facture.pdf.exe : type de fichier non accepté (application/pdf, .exe)');
    expect(ticket.description).toMatch(/- gros\.pdf : fichier trop volumineux \(5 Mo ; 5 Mo au plus par fichier\)/);
    const links = await t.admin('psaTicketAttachments as l').join('documents as d', 'd.id', 'l.documentId').where('l.ticketId', ticket.id)
      .orderBy('d.filename').select('d.filename', 'd.mimeType', 'd.sizeBytes', 'd.accountId', 'l.commentId');
    expect(links).toEqual([
      { filename: 'capture.png', mimeType: 'image/png', sizeBytes: 8, accountId: accountA, commentId: null },
      { filename: 'rapport.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, accountId: accountA, commentId: null },
    ]);

    // A reply with a file: the comment carries it.
    const reply = newId();
    await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: `Re: [#${ticket.number}] Scanner en erreur`, messageId: reply, inReplyTo: messageId,
      text: 'Le journal demandé.', attachments: [{ filename: 'journal.txt', content: 'erreur 0x80070005', contentType: 'text/plain' }] });
    const comment = await t.admin('psaTicketComments').where({ ticketId: ticket.id, messageId: reply }).first('id', 'body');
    expect(comment.body).toBe('Le journal demandé.');
    expect(await t.admin('psaTicketAttachments').where({ commentId: comment.id }).count({ n: '*' })).toEqual([{ n: 1 }]);

    // On the timeline; the bytes through the document store, as sent.
    const technician = (await loginAs(t.app, 'technician', a.slug)).accessToken;
    const timeline = await request(t.app).get(`/api/v1/psa/tickets/${ticket.id}/timeline`).set('Authorization', `Bearer ${technician}`);
    expect(timeline.status).toBe(200);
    const files = timeline.body.items.filter((i: { kind: string }) => i.kind === 'attachment').map((i: { attachment: { filename: string; commentId: string | null; url: string } }) => i.attachment);
    expect(files.map((f: { filename: string }) => f.filename).sort()).toEqual(['capture.png', 'journal.txt', 'rapport.pdf']);
    expect(files.find((f: { filename: string }) => f.filename === 'journal.txt').commentId).toBe(comment.id);
    const report = files.find((f: { filename: string }) => f.filename === 'rapport.pdf');
    const download = await request(t.app).get(report.url).set('Authorization', `Bearer ${technician}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
  });

  it('refuses a mail over the size limit with 552 and stores nothing', async () => {
    const messageId = newId();
    const refused = await transport.sendMail({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'Gros fichier', text: 'x'.repeat(MAX_BYTES * 2), messageId })
      .then(() => null, (error: { responseCode?: number }) => error);
    expect(refused?.responseCode).toBe(552);
    await intake.settled();
    expect(await inbound(a, messageId)).toHaveLength(0);
  });

  it('refuses an address that is no organisation\'s (550), and never mixes organisations: B\'s address files into B only', async () => {
    const refused = await transport.sendMail({ from: 'claire.durand@cabinet-durand.example', to: `support@no-such-org.${MAIL_DOMAIN}`, subject: 'Test', text: 'Test', messageId: newId() })
      .then(() => null, (error: { responseCode?: number }) => error);
    expect(refused?.responseCode).toBe(550);

    // A's client writes to B: B does not know that sender (its mail waits for triage there); A gets nothing.
    const messageId = newId();
    await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(b), subject: 'Mauvaise adresse', text: 'Test', messageId });
    expect(await inbound(a, messageId)).toHaveLength(0);
    expect((await inbound(b, messageId))[0]).toMatchObject({ status: 'unknown-sender' });
    expect(await ticketOf(a, messageId)).toHaveLength(0);
    expect(await ticketOf(b, messageId)).toHaveLength(0);
  });

  it('keeps an unknown sender\'s mail for triage instead of guessing a client, and a public mailbox domain matches no client', async () => {
    await t.admin('contacts').insert({ tenantId: a.tenantId, accountId: accountA, firstName: 'Paul', lastName: 'Gmail', email: 'paul@gmail.com' });
    const messageId = newId();
    await send({ from: 'inconnu@gmail.com', to: addressOf(a), subject: 'Bonjour', text: 'Qui êtes-vous ?', messageId });
    expect((await inbound(a, messageId))[0]).toMatchObject({ status: 'unknown-sender', senderEmail: 'inconnu@gmail.com', accountId: null });
    expect(await ticketOf(a, messageId)).toHaveLength(0);
  });

  it('discards automatic replies (Auto-Submitted), which would otherwise reopen tickets', async () => {
    const messageId = newId();
    await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'Absence du bureau', text: 'Je suis absente.', messageId, headers: { 'Auto-Submitted': 'auto-replied' } });
    expect((await inbound(a, messageId))[0]).toMatchObject({ status: 'discarded', lastError: 'automatic-reply' });
    expect(await ticketOf(a, messageId)).toHaveLength(0);
  });

  it('mails a technician\'s public reply to the requester with Message-ID, In-Reply-To/References, the [#n] tag and Reply-To; the client\'s answer threads back', async () => {
    const smtp = await startLoopbackSmtp();
    try {
      // The organisation sends its mail through an SMTP server (a loopback one that keeps what it receives).
      const admin = (await loginAs(t.app, 'admin', a.slug)).accessToken;
      const settings = await request(t.app).put('/api/v1/comms/settings').set('Authorization', `Bearer ${admin}`).send({
        smsProvider: 'sandbox', mailProvider: 'smtp', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false,
        smtpUser: 'relais', smtpPassword: 'smtp-secret', mailFrom: 'Support <noreply@msp.example>',
      });
      expect(settings.status).toBe(200);
      const first = newId();
      await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: 'Wi-Fi', text: 'Le Wi-Fi coupe toutes les 5 minutes.', messageId: first });
      const [ticket] = await ticketOf(a, first);

      const technician = (await loginAs(t.app, 'technician', a.slug)).accessToken;
      const note = await request(t.app).post(`/api/v1/psa/tickets/${ticket.id}/comments`).set('Authorization', `Bearer ${technician}`).send({ body: 'Note interne', visibility: 'internal' });
      expect(note.status).toBe(201);
      const reply = await request(t.app).post(`/api/v1/psa/tickets/${ticket.id}/comments`).set('Authorization', `Bearer ${technician}`).send({ body: 'Pouvez-vous redémarrer la borne ?' });
      expect(reply.status).toBe(201);
      const messages = await t.admin('messages').where({ tenantId: a.tenantId, recordType: 'psa-ticket', recordId: ticket.id });
      expect(messages).toHaveLength(1); // the internal note is not mailed
      const [message] = messages;
      expect(message).toMatchObject({ channel: 'mail', status: 'pending', recipient: 'claire.durand@cabinet-durand.example', subject: `Re: [#${ticket.number}] Wi-Fi` });
      const comment = await t.admin('psaTicketComments').where({ id: reply.body.comment.id }).first('messageId');
      expect(comment.messageId).toBe(`<${message.id}@relais.message>`);

      // The comms send the API started after the commit, run here as the worker would run it.
      const activity = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
      const workflowId = `${a.tenantId}/comms-message/${message.id}`;
      await activity.run(commsActivities(t.knex)['comms.mail.send'], { to: message.recipient, subject: message.subject, body: message.body } as never,
        { tenantId: a.tenantId, workflowId, elementId: 'psa-ticket-reply', loopCounter: 0, idempotencyKey: message.idempotencyKey });
      expect(smtp.received).toHaveLength(1);
      const raw = smtp.received[0]!.raw;
      expect(mailHeader(raw, 'Message-ID')).toBe(comment.messageId);
      expect(mailHeader(raw, 'In-Reply-To')).toBe(first);
      expect(mailHeader(raw, 'References')).toBe(first);
      expect(mailHeader(raw, 'Reply-To')).toBe(addressOf(a));
      expect(mailHeader(raw, 'Subject')).toBe(`Re: [#${ticket.number}] Wi-Fi`);
      expect(raw).toContain('Pouvez-vous red'); // quoted-printable past the accent

      // The client answers that mail from their mailbox: the answer joins the ticket.
      await send({ from: 'claire.durand@cabinet-durand.example', to: addressOf(a), subject: `Re: [#${ticket.number}] Wi-Fi`, messageId: newId(), inReplyTo: comment.messageId, references: [first, comment.messageId], text: 'Fait, ça tient.' });
      const comments = await t.admin('psaTicketComments').where({ ticketId: ticket.id }).orderBy('createdAt').select('source', 'body');
      expect(comments.at(-1)).toEqual({ source: 'email', body: 'Fait, ça tient.' });
    } finally {
      await smtp.close();
    }
  });

  it('lets the team sort the mail of unknown senders: listed, filed on a client (its ticket opens, threaded), or discarded; a client user may not', async () => {
    const spamId = newId();
    const unknownId = newId();
    await send({ from: 'promo@spam.example', to: addressOf(a), subject: 'Offre exceptionnelle', text: 'Achetez !', messageId: spamId });
    await send({ from: 'nouveau@startup.example', to: addressOf(a), subject: 'Demande de devis', text: 'Bonjour, nous cherchons un prestataire.', messageId: unknownId });
    const manager = (await loginAs(t.app, 'manager', a.slug)).accessToken;
    const list = await request(t.app).get('/api/v1/psa/inbound-mails').set('Authorization', `Bearer ${manager}`);
    expect(list.status).toBe(200);
    const unknown = list.body.items.find((i: { senderEmail: string }) => i.senderEmail === 'nouveau@startup.example');
    expect(unknown).toMatchObject({ status: 'unknown-sender', subject: 'Demande de devis', excerpt: 'Bonjour, nous cherchons un prestataire.' });
    expect((await request(t.app).get('/api/v1/psa/inbound-mails?status=nope').set('Authorization', `Bearer ${manager}`)).status).toBe(400);
    const address = await request(t.app).get('/api/v1/psa/inbound-mails/address').set('Authorization', `Bearer ${manager}`);
    expect(address.body).toEqual({ address: addressOf(a) });

    const client = (await loginAs(t.app, 'client', a.slug)).accessToken;
    const forbidden = await request(t.app).get('/api/v1/psa/inbound-mails').set('Authorization', `Bearer ${client}`);
    expect(forbidden.status).toBe(403);

    const filed = await request(t.app).post(`/api/v1/psa/inbound-mails/${unknown.id}/assign`).set('Authorization', `Bearer ${manager}`).send({ accountId: accountA });
    expect(filed.status).toBe(200);
    expect(filed.body.ticket).toMatchObject({ accountId: accountA, title: 'Demande de devis', source: 'email', requesterEmail: 'nouveau@startup.example' });
    expect(filed.body.mail).toMatchObject({ status: 'ticket', ticketId: filed.body.ticket.id });
    const again = await request(t.app).post(`/api/v1/psa/inbound-mails/${unknown.id}/assign`).set('Authorization', `Bearer ${manager}`).send({ accountId: accountA });
    expect(again.status).toBe(409);
    // The sender's next answer threads into the ticket now.
    await send({ from: 'nouveau@startup.example', to: addressOf(a), subject: 'Re: Demande de devis', messageId: newId(), inReplyTo: unknownId, text: 'Pour 12 postes.' });
    expect(await t.admin('psaTicketComments').where({ ticketId: filed.body.ticket.id }).select('body')).toEqual([{ body: 'Pour 12 postes.' }]);

    const spam = list.body.items.find((i: { senderEmail: string }) => i.senderEmail === 'promo@spam.example');
    const discarded = await request(t.app).post(`/api/v1/psa/inbound-mails/${spam.id}/discard`).set('Authorization', `Bearer ${manager}`).send({});
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ status: 'discarded' });
    const after = await request(t.app).get('/api/v1/psa/inbound-mails').set('Authorization', `Bearer ${manager}`);
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(spam.id);
  });
});
