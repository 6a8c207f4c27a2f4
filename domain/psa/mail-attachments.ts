import type { Knex } from 'knex';
import type { Attachment } from 'mailparser';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { documentFilename, storeDocument } from '../core/documents';

/**
 * The attachments of an inbound mail that opens or joins a ticket (ADR 0019): kept as the client's
 * documents (the core document store) and linked to the ticket (`psa_ticket_attachments`, with the
 * comment the mail became), within limits. A file past a limit is refused, never the mail: the ticket
 * opens or the comment is written all the same, its text saying which file was not kept and why.
 *
 * Limits: a file at most 5 MB, a mail's kept files at most 10 MB and 10 in number, and only the
 * types a client sends to a support desk (PDF, images, text, office documents) with a name ending as
 * that type does (« facture.pdf.exe » declared as a PDF is refused). The bytes are stored as sent and
 * served as downloads with `nosniff` (documents.router.ts): never shown inline, never unpacked.
 */
export interface AttachmentLimits { fileBytes: number; mailBytes: number; count: number }
export const MAIL_ATTACHMENT_LIMITS: AttachmentLimits = { fileBytes: 5 * 1024 * 1024, mailBytes: 10 * 1024 * 1024, count: 10 };

/** Accepted content types and the file name endings each may have. */
const ACCEPTED: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'text/plain': ['txt', 'log'],
  'text/csv': ['csv'],
  'application/msword': ['doc'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
};

export interface KeptAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface RefusedAttachment {
  filename: string;
  /** Why, in French (the ticket's text is written for the team and the client). */
  reason: string;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

/** Which attachments of a mail are kept and which are refused (in the mail's order); inline parts without a name (signature logos) are neither. */
export function sortMailAttachments(attachments: readonly Attachment[], limits: AttachmentLimits = MAIL_ATTACHMENT_LIMITS): { kept: KeptAttachment[]; refused: RefusedAttachment[] } {
  const kept: KeptAttachment[] = [];
  const refused: RefusedAttachment[] = [];
  let total = 0;
  for (const attachment of attachments) {
    if (attachment.contentDisposition === 'inline' && !attachment.filename) continue;
    const filename = documentFilename(attachment.filename ?? '').trim() || 'sans nom';
    const contentType = (attachment.contentType ?? '').toLowerCase().split(';')[0]!.trim();
    const extension = filename.includes('.') ? filename.slice(filename.lastIndexOf('.') + 1).toLowerCase() : '';
    const size = attachment.content.length;
    const refuse = (reason: string) => refused.push({ filename, reason });
    if (!ACCEPTED[contentType]?.includes(extension)) refuse(`type de fichier non accepté (${contentType || 'inconnu'}${extension ? `, .${extension}` : ''})`);
    else if (size > limits.fileBytes) refuse(`fichier trop volumineux (${megabytes(size)} ; ${megabytes(limits.fileBytes)} au plus par fichier)`);
    else if (kept.length >= limits.count) refuse(`${limits.count} pièces jointes au plus par courriel`);
    else if (total + size > limits.mailBytes) refuse(`${megabytes(limits.mailBytes)} de pièces jointes au plus par courriel`);
    else {
      kept.push({ filename, contentType, content: attachment.content });
      total += size;
    }
  }
  return { kept, refused };
}

/** As sortMailAttachments; without a document storage nothing is kept, every file named as not kept. */
export function mailAttachmentsFor(attachments: readonly Attachment[], storage: DocumentStorage | undefined): { kept: KeptAttachment[]; refused: RefusedAttachment[] } {
  const sorted = sortMailAttachments(attachments);
  if (storage) return sorted;
  return { kept: [], refused: [...sorted.kept.map((k) => ({ filename: k.filename, reason: 'aucun stockage de documents configuré' })), ...sorted.refused] };
}

/** The lines a ticket's text gets for the attachments it did not keep (empty when none). */
export function refusedAttachmentsNote(refused: readonly RefusedAttachment[]): string {
  if (!refused.length) return '';
  const list = refused.slice(0, 20).map((r) => `- ${r.filename} : ${r.reason}`).join('\n');
  const more = refused.length > 20 ? `\n- … et ${refused.length - 20} autres` : '';
  return `\n\nPièces jointes non conservées :\n${list}${more}`;
}

export interface AttachmentTarget {
  tenantId: string;
  ticketId: string;
  accountId: string;
  /** The comment the mail became; null for the mail that opened the ticket. */
  commentId: string | null;
  inboundMailId: string | null;
}

/** Stores the kept attachments as the client's documents and links them to the ticket (in the caller's transaction). */
export async function storeMailAttachments(trx: Knex.Transaction, storage: DocumentStorage, target: AttachmentTarget, kept: readonly KeptAttachment[]): Promise<void> {
  for (const file of kept) {
    const document = await storeDocument(trx, storage, {
      tenantId: target.tenantId, accountId: target.accountId, filename: file.filename, mimeType: file.contentType, content: file.content, createdBy: null,
    });
    await trx('psaTicketAttachments').insert({
      tenantId: target.tenantId, ticketId: target.ticketId, commentId: target.commentId, documentId: document.id, inboundMailId: target.inboundMailId,
    });
  }
}

export interface TicketAttachment {
  id: string;
  commentId: string | null;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
  /** Where its bytes are read (the document's own permissions apply). */
  url: string;
}

/** A ticket's attachments, oldest first; `publicOnly` leaves out those of internal notes (a client user). */
export async function listTicketAttachments(trx: Knex.Transaction, ticketId: string, publicOnly: boolean): Promise<TicketAttachment[]> {
  const rows: Array<Record<string, unknown>> = await trx('psaTicketAttachments as a').join('documents as d', 'd.id', 'a.documentId')
    .leftJoin('psaTicketComments as c', 'c.id', 'a.commentId').where('a.ticketId', ticketId)
    .modify((qb) => { if (publicOnly) qb.where((w) => w.whereNull('a.commentId').orWhere('c.visibility', 'public')); })
    .orderBy([{ column: 'a.createdAt' }, { column: 'a.id' }])
    .select('d.id', 'a.commentId', 'd.filename', 'd.mimeType', 'd.sizeBytes', 'a.createdAt');
  return rows.map((r) => ({
    id: r.id as string, commentId: (r.commentId as string | null) ?? null, filename: r.filename as string, mimeType: r.mimeType as string,
    sizeBytes: Number(r.sizeBytes), createdAt: (r.createdAt as Date).toISOString(), url: `/api/v1/documents/${String(r.id)}/content`,
  }));
}
