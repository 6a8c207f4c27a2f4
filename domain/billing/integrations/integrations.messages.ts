import { defineMessages, entry, messagesOf } from '../../i18n/messages';

/**
 * Messages of billing's integrations (payments and accounting providers, their settings and
 * webhooks; docs/adr/0010-server-messages.md). Kept beside their code and joined to billing's
 * catalogue by its manifest (domain/billing/billing.module.ts).
 */
const both = (fr: string, en: string) => ({ fr, en });

export const billingIntegrationMessages = defineMessages({
  'billing.integrations.forbidden-read': both(
    'Vous ne pouvez pas consulter les réglages de facturation (permission billing.settings.read).',
    'You may not view the billing settings (permission billing.settings.read).',
  ),
  'billing.integrations.forbidden-update': both(
    'Vous ne pouvez pas modifier les réglages de facturation (permission billing.settings.update).',
    'You may not change the billing settings (permission billing.settings.update).',
  ),
  'billing.integrations.required-for': entry({
    example: { provider: 'Stripe' },
    fr: (p) => `est obligatoire avec ${p.provider}`,
    en: (p) => `is required with ${p.provider}`,
  }),
  'billing.integrations.stripe-secret-key': both(
    'doit être une clé secrète Stripe (sk_live_…, sk_test_…) ou restreinte (rk_live_…, rk_test_…)',
    'must be a Stripe secret key (sk_live_…, sk_test_…) or restricted key (rk_live_…, rk_test_…)',
  ),
  'billing.integrations.stripe-account': both(
    'doit être l\'identifiant d\'un compte Stripe (acct_…)',
    'must be a Stripe account id (acct_…)',
  ),
  'billing.integrations.stripe-webhook-secret': both(
    'doit être le secret de signature d\'un point de terminaison Stripe (whsec_…)',
    'must be the signing secret of a Stripe webhook endpoint (whsec_…)',
  ),
  'billing.integrations.webhook-refused': entry({
    example: { reason: 'forged' as 'unsigned' | 'forged' | 'stale' | 'malformed' | 'unknown-organisation' },
    fr: (p) => ({
      unsigned: 'Cette notification Stripe n\'est pas signée (en-tête Stripe-Signature absent) : elle est refusée et rien n\'a changé.',
      forged: 'La signature de cette notification Stripe ne correspond pas au secret de l\'organisation : elle est refusée et rien n\'a changé.',
      stale: 'Cette notification Stripe est signée depuis plus de 5 minutes (rejouée ?) : elle est refusée et rien n\'a changé.',
      malformed: 'Cette notification signée n\'est pas un événement Stripe lisible : elle est refusée et rien n\'a changé.',
      'unknown-organisation': 'Cette adresse de notification ne désigne aucune organisation recevant des paiements Stripe : la notification est refusée.',
    })[p.reason],
    en: (p) => ({
      unsigned: 'This Stripe notification is not signed (no Stripe-Signature header): it is refused and nothing changed.',
      forged: 'This Stripe notification\'s signature does not match the organisation\'s secret: it is refused and nothing changed.',
      stale: 'This Stripe notification was signed more than 5 minutes ago (a replay?): it is refused and nothing changed.',
      malformed: 'This signed notification is not a readable Stripe event: it is refused and nothing changed.',
      'unknown-organisation': 'This notification address names no organisation taking Stripe payments: the notification is refused.',
    })[p.reason],
  }),
  'billing.integrations.nothing-due': entry({
    example: { number: 'F-2026-00042' },
    fr: (p) => `La facture ${p.number} n'a plus rien à payer : aucun lien de paiement n'est créé.`,
    en: (p) => `Invoice ${p.number} has nothing left to pay: no payment link is created.`,
  }),
  'billing.integrations.not-issued': both(
    'Un lien de paiement se crée pour une facture émise : émettez d\'abord ce brouillon.',
    'A payment link is made for an issued invoice: issue this draft first.',
  ),
  'billing.integrations.provider-failed': entry({
    example: { provider: 'Stripe', reason: 'unavailable' as 'misconfigured' | 'rejected' | 'unavailable', detail: 'Stripe answered 503' },
    fr: (p, f) => ({
      misconfigured: `${p.provider} refuse les identifiants de l'organisation : vérifiez la clé dans les réglages de facturation (${f.quote(p.detail)}).`,
      rejected: `${p.provider} a refusé la demande (${f.quote(p.detail)}).`,
      unavailable: `${p.provider} ne répond pas pour le moment : réessayez dans quelques minutes (${f.quote(p.detail)}).`,
    })[p.reason],
    en: (p, f) => ({
      misconfigured: `${p.provider} refuses the organisation's credentials: check the key in the billing settings (${f.quote(p.detail)}).`,
      rejected: `${p.provider} refused the request (${f.quote(p.detail)}).`,
      unavailable: `${p.provider} is not answering right now: try again in a few minutes (${f.quote(p.detail)}).`,
    })[p.reason],
  }),
  'billing.integrations.payment-reference': entry({
    example: { session: 'cs_test_a1b2' },
    fr: (p) => `Paiement en ligne (session ${p.session})`,
    en: (p) => `Online payment (session ${p.session})`,
  }),
  'billing.integrations.sandbox-page-unknown': both(
    'Cette page de paiement simulé n\'existe pas ou n\'est plus valable.',
    'This simulated payment page does not exist or is no longer valid.',
  ),
});

export const billingIntegrationMessage = messagesOf(billingIntegrationMessages);
