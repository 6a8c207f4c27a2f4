import type { BillingDocumentView } from '../document-view';
import { money, rate } from './format';
import type { DocumentLabels } from './labels';

/**
 * The legal mentions printed under an issued document's totals, in its language: late-payment penalty
 * rate and, for a business buyer, the €40 recovery indemnity (art. L441-10 du Code de commerce), the
 * early-payment discount terms, the VAT exemption reasons of its breakdown, then the view's own
 * mentions (each once). A quote carries only its exemption reasons and the view's mentions.
 */
export function documentMentions(view: BillingDocumentView, labels: DocumentLabels): string[] {
  const mentions: string[] = [];
  const add = (text: string | null | undefined) => {
    const trimmed = text?.trim();
    if (trimmed && !mentions.some((m) => m.toLowerCase() === trimmed.toLowerCase())) mentions.push(trimmed);
  };
  const billed = view.type !== 'quote' && view.type !== 'credit-note';
  if (billed) {
    add(labels.latePenalty(rate(view.latePenaltyRateBasisPoints, view.language)));
    if (view.recoveryIndemnityCents !== null) add(labels.recoveryIndemnity(money(view.recoveryIndemnityCents, view.language)));
    if (!view.mentions.some((m) => /escompte|early payment/i.test(m))) add(labels.noDiscount);
  }
  for (const row of view.totals.vatBreakdown) add(row.exemptionReason);
  for (const mention of view.mentions) add(mention);
  return mentions;
}
