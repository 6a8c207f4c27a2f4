import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { appendHistoryAs } from '../core/record-service';
import { diffRecords } from '../core/history';
import { ForbiddenError, StaleVersionError, UnprocessableError, PreconditionRequiredError, versionMatches, type ExpectedVersion } from '../errors';
import { billingMessage } from './billing.messages';
import { billingProfile, type BillingProfileInput } from './billing.schema';
import type { SellerParty } from './document-view';
import { todayInParis } from './days';
import { assertNumberFormat, carryCounters } from './numbering';

/**
 * The organisation's legal profile as a seller (one row per tenant): what French law makes every
 * invoice carry (art. 242 nonies A du CGI, art. L441-9 du Code de commerce) and how it numbers its
 * documents. Nothing is issued until the mandatory items are there (`missingProfileFields`).
 */
type Row = Record<string, unknown>;
type Label = { fr: string; en: string };

export const COMPANY_WITH_CAPITAL = /\b(SA|SAS|SASU|SARL|EURL|SNC|SCA|SCS|SELARL|SELAS|SELASU|SELAFA|SELCA|SCOP|SCI|SEM)\b/i;

export const PROFILE_FIELD_LABELS: Record<string, Label> = {
  legalName: { fr: 'la raison sociale', en: 'the legal name' },
  legalForm: { fr: 'la forme juridique', en: 'the legal form' },
  shareCapitalCents: { fr: 'le capital social', en: 'the share capital' },
  siren: { fr: 'le SIREN', en: 'the SIREN' },
  siret: { fr: 'le SIRET', en: 'the SIRET' },
  vatNumber: { fr: 'le numéro de TVA intracommunautaire (ou la mention d\'exonération de TVA)', en: 'the VAT number (or the VAT exemption mention)' },
  registration: { fr: 'l\'immatriculation (RCS, RM…)', en: 'the registration (RCS, RM…)' },
  addressLine1: { fr: 'l\'adresse', en: 'the address' },
  postalCode: { fr: 'le code postal', en: 'the postal code' },
  city: { fr: 'la ville', en: 'the city' },
  latePenaltyRateBasisPoints: { fr: 'le taux des pénalités de retard', en: 'the late payment penalty rate' },
};

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && !v.trim());

/** The mandatory items the profile lacks, in the order a person fills them. */
export function missingProfileFields(profile: Row | null | undefined): string[] {
  if (!profile) return Object.keys(PROFILE_FIELD_LABELS).filter((f) => f !== 'shareCapitalCents');
  const missing: string[] = [];
  for (const field of ['legalName', 'legalForm', 'siren', 'siret']) if (blank(profile[field])) missing.push(field);
  if (typeof profile.legalForm === 'string' && COMPANY_WITH_CAPITAL.test(profile.legalForm) && blank(profile.shareCapitalCents)) missing.splice(2, 0, 'shareCapitalCents');
  if (blank(profile.vatNumber) && blank(profile.vatExemptionMention)) missing.push('vatNumber');
  for (const field of ['registration', 'addressLine1', 'postalCode', 'city', 'latePenaltyRateBasisPoints']) if (blank(profile[field])) missing.push(field);
  return missing;
}

/** The 422 an issue answers when the profile lacks a mandatory item, naming each (`profile.<field>`). */
export function assertProfileComplete(profile: Row | null | undefined, document: 'invoice' | 'credit-note' | 'quote'): void {
  const missing = missingProfileFields(profile);
  if (!missing.length) return;
  const labels = missing.map((f) => PROFILE_FIELD_LABELS[f]!);
  const what = { invoice: { fr: 'une facture', en: 'an invoice' }, 'credit-note': { fr: 'un avoir', en: 'a credit note' }, quote: { fr: 'un devis', en: 'a quote' } }[document];
  throw new UnprocessableError(billingMessage('billing.profile-incomplete', { fields: labels, document: what }), {
    errors: missing.map((field, i) => ({ field: `profile.${field}`, message: billingMessage('billing.profile-field-missing', { field: labels[i]! }) })),
  });
}

const DEFAULTS: Row = {
  legalName: null, tradingName: null, legalForm: null, shareCapitalCents: null, siren: null, siret: null, vatNumber: null, registration: null,
  addressLine1: null, addressLine2: null, postalCode: null, city: null, country: 'FR', email: null, phone: null, website: null, iban: null, bic: null,
  paymentTermsDays: 30, latePenaltyRateBasisPoints: null, earlyPaymentDiscount: null, vatExemptionMention: null,
  invoiceNumberFormat: 'F-{YYYY}-{#####}', creditNoteNumberFormat: 'AV-{YYYY}-{#####}', quoteNumberFormat: 'D-{YYYY}-{#####}',
  numberingYearlyReset: true, footer: null, logoDataUrl: null, version: 0, updatedAt: null,
};

/** The tenant's profile row, or the defaults (version 0) when it never saved one. `lock` holds it for the issuing transaction. */
export async function loadProfile(trx: Knex.Transaction, tenantId: string, lock = false): Promise<Row> {
  const qb = trx('billingProfiles').where({ tenantId }).first();
  if (lock) qb.forShare();
  const row = (await qb) as Row | undefined;
  return row ?? { ...DEFAULTS };
}

export function presentProfile(row: Row): Row {
  const out: Row = {};
  for (const key of Object.keys(billingProfile.shape)) {
    if (key === 'missing') continue;
    const value = row[key] ?? DEFAULTS[key] ?? null;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  out.missing = missingProfileFields(row.version ? row : null);
  return out;
}

function requirePermission(ctx: RequestContext, action: 'read' | 'update'): void {
  if (!ctx.ability.can(action, 'BillingSettings')) throw new ForbiddenError(billingMessage('billing.forbidden', { permission: `billing.settings.${action}` }));
}

export async function getProfile(ctx: RequestContext): Promise<Row> {
  requirePermission(ctx, 'read');
  return presentProfile(await loadProfile(ctx.trx, ctx.principal.tenantId));
}

/**
 * Saves the whole profile (PUT: fields left out take their default). `expectedVersion` is the ETag
 * read; required once a profile exists (428 without it, 412 when someone saved first).
 */
export async function saveProfile(ctx: RequestContext, input: BillingProfileInput, expectedVersion: ExpectedVersion | undefined): Promise<Row> {
  requirePermission(ctx, 'update');
  assertNumberFormat('invoiceNumberFormat', input.invoiceNumberFormat, input.numberingYearlyReset);
  assertNumberFormat('creditNoteNumberFormat', input.creditNoteNumberFormat, input.numberingYearlyReset);
  assertNumberFormat('quoteNumberFormat', input.quoteNumberFormat, input.numberingYearlyReset);
  const tenantId = ctx.principal.tenantId;
  const current = (await ctx.trx('billingProfiles').where({ tenantId }).forUpdate().first()) as Row | undefined;
  const version = Number(current?.version ?? 0);
  if (current && expectedVersion === undefined) throw new PreconditionRequiredError();
  if (!versionMatches(expectedVersion, version)) throw new StaleVersionError(presentProfile(current ?? { ...DEFAULTS }));
  const values: Row = {};
  for (const key of Object.keys(DEFAULTS)) if (key !== 'version' && key !== 'updatedAt') values[key] = (input as Row)[key] ?? DEFAULTS[key];
  if (current) {
    await carryCounters(ctx.trx, tenantId, { wasYearly: Boolean(current.numberingYearlyReset), yearly: Boolean(values.numberingYearlyReset) }, todayInParis());
    await ctx.trx('billingProfiles').where({ tenantId }).update({ ...values, version: version + 1, updatedAt: ctx.trx.fn.now() });
  } else {
    await ctx.trx('billingProfiles').insert({ ...values, tenantId, createdBy: ctx.principal.userId });
  }
  const saved = await loadProfile(ctx.trx, tenantId);
  const before = current ? presentProfile(current) : null;
  const after = presentProfile(saved);
  // The logo is a long data URL: the timeline says it changed, not its bytes.
  const changes = diffRecords(before && { ...before, logoDataUrl: before.logoDataUrl ? 'logo' : null, missing: undefined }, { ...after, logoDataUrl: after.logoDataUrl ? 'logo' : null, missing: undefined });
  if (Object.keys(changes).length) await appendHistoryAs(ctx, { recordType: 'billing-profile', recordId: tenantId, action: current ? 'update' : 'create', changes });
  return after;
}

/** The seller as documents print it, from the profile (the tenant's name when the legal name is missing, for drafts). */
export function sellerOf(profile: Row, tenantName: string): SellerParty {
  const s = (k: string) => (blank(profile[k]) ? null : String(profile[k]));
  return {
    name: s('legalName') ?? tenantName,
    tradingName: s('tradingName'),
    siren: s('siren'),
    siret: s('siret'),
    vatNumber: s('vatNumber'),
    addressLine1: s('addressLine1'),
    addressLine2: s('addressLine2'),
    postalCode: s('postalCode'),
    city: s('city'),
    country: s('country') ?? 'FR',
    email: s('email'),
    phone: s('phone'),
    isBusiness: true,
    legalForm: s('legalForm'),
    shareCapitalCents: profile.shareCapitalCents === null || profile.shareCapitalCents === undefined ? null : Number(profile.shareCapitalCents),
    registration: s('registration'),
    iban: s('iban'),
    bic: s('bic'),
  };
}
