import { Router } from 'express';
import { documentViewOf, type BillingDocumentKind } from '../../domain/billing/document-view-of';
import type { BillingDocumentView } from '../../domain/billing/document-view';
import { renderDocumentPdf } from '../../domain/billing/render/document-pdf';
import { inTenant } from '../http/authenticated';
import type { ApiDeps } from '../http/deps';

/**
 * `GET /api/v1/billing/{quotes|invoices|credit-notes}/{id}/pdf`: the document printed from its frozen
 * view (docs/adr/0013-billing-documents.md). An issued invoice or credit note is a Factur-X PDF/A-3
 * with `factur-x.xml` embedded; a draft says « BROUILLON ». 404 when the record is not readable.
 */
export const DOCUMENT_PATHS: Record<BillingDocumentKind, string> = { quote: 'quotes', invoice: 'invoices', 'credit-note': 'credit-notes' };

const FILE_PREFIX: Record<BillingDocumentView['type'], string> = {
  quote: 'devis', invoice: 'facture', 'deposit-invoice': 'facture-acompte', 'final-invoice': 'facture-solde', 'credit-note': 'avoir',
};

/** `facture-F-2026-00042.pdf`; a draft `facture-brouillon-<id>.pdf` (ASCII only: numbers' formats are the tenant's). */
export function pdfFilename(view: BillingDocumentView): string {
  const name = view.number ?? `brouillon-${view.id.slice(0, 8)}`;
  return `${FILE_PREFIX[view.type]}-${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;
}

export function billingDocumentsRouter(deps: ApiDeps): Router {
  const router = Router();
  for (const [kind, path] of Object.entries(DOCUMENT_PATHS) as [BillingDocumentKind, string][]) {
    router.get(`/${path}/:id/pdf`, inTenant(deps, async (req, ctx) => {
      const view = await documentViewOf(ctx, kind, String(req.params.id));
      return {
        raw: await renderDocumentPdf(view),
        headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${pdfFilename(view)}"`, 'Cache-Control': 'private, no-store' },
      };
    }));
  }
  return router;
}
