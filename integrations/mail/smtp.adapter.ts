import nodemailer from 'nodemailer';
import type { MailPort } from './mail.port';
import { classifySmtpError } from './smtp-errors';

export interface SmtpOptions {
  host: string;
  port: number;
  /** true: TLS from the first byte (465); false: STARTTLS when the server offers it (587, 25). */
  secure: boolean;
  user?: string | null;
  password?: string | null;
  timeoutMs?: number;
  /** Loopback test servers use self-signed certificates. */
  allowSelfSigned?: boolean;
}

/** Mail through any SMTP server, on nodemailer. */
export function createSmtpMailAdapter(options: SmtpOptions): MailPort {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: options.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
  });
  return {
    provider: 'smtp',
    async send(request) {
      try {
        const info = await transport.sendMail({
          from: request.from,
          to: request.to,
          subject: request.subject,
          text: request.text,
          attachments: request.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
          messageId: request.messageId,
          ...(request.inReplyTo ? { inReplyTo: request.inReplyTo } : {}),
          ...(request.references?.length ? { references: request.references } : {}),
          ...(request.replyTo ? { replyTo: request.replyTo } : {}),
          headers: { 'X-Relais-Message': request.reference },
        });
        return { ok: true, providerMessageId: info.messageId };
      } catch (error) {
        return { ok: false, ...classifySmtpError(error) };
      } finally {
        transport.close();
      }
    },
  };
}
