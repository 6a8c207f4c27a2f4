import { errors, uuidPath, type Json } from '../openapi-parts';
import { DOCUMENT_PATHS } from './billing-documents.router';

/** The printed documents of billing in the OpenAPI document (api/billing/billing-documents.router.ts). */
export function billingDocumentsOpenApiPaths(): Json {
  const tags: Record<string, string[]> = { quotes: ['Quote'], invoices: ['Invoice'], 'credit-notes': ['CreditNote'] };
  return Object.fromEntries(Object.values(DOCUMENT_PATHS).map((path) => [`/api/v1/billing/${path}/{id}/pdf`, {
    get: {
      tags: tags[path],
      summary: 'The document as a PDF, in its language (French unless English), with the organisation\'s branding and every legal mention. '
        + 'An issued invoice or credit note is a Factur-X PDF/A-3 (EN 16931) carrying its XML as `factur-x.xml`; a draft is marked « BROUILLON » and carries none',
      parameters: [uuidPath()],
      responses: {
        200: {
          description: 'The PDF; `Content-Disposition` names it after the document\'s number (`facture-F-2026-00042.pdf`)',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errors,
      },
    },
  }]));
}
