import { z } from 'zod';
import { ForbiddenError, NotFoundError, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import { requiredText, text } from '../core/fields';
import type { RequestContext } from '../core/record-service';
import { fieldIssue } from '../i18n/zod-issues';
import type { Locale } from '../i18n/messages';
import { audit } from '../identity/audit-log';
import { modulesOf, personalDataDeclarations } from '../modules/registry';
import { gdprMessage } from './gdpr.messages';
import { transfersByActivity, withTransfers } from './transfer-recipients';
import {
  DATA_CATEGORIES, LEGAL_BASES, personalDataDeclaration, type DataCategory, type LegalBasis, type ParsedPersonalData, type ProcessingActivity,
} from './personal-data';

/**
 * The register of processing activities (article 30 GDPR), per organisation: each activity its modules
 * declare, pre-filled from the declaration (purpose, legal basis, people, recipients, retention, security
 * measures; the categories of data and the columns come from the personal columns that serve it), and
 * replaced by what the data protection officer wrote once they edit it (`gdpr_register_entries`).
 */
const line = requiredText(300);
const LEGAL_BASIS_KEYS = Object.keys(LEGAL_BASES) as [LegalBasis, ...LegalBasis[]];

/** What the data protection officer may change in an entry (the categories of data follow the declarations). */
export const registerEntryInput = z.object({
  name: line,
  purpose: requiredText(4000),
  legalBasis: z.enum(LEGAL_BASIS_KEYS),
  dataSubjects: z.array(line).min(1).max(30),
  recipients: z.array(line).min(1).max(30),
  retention: z.object({
    duration: z.string().regex(/^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$/, fieldIssue('field.iso-duration')),
    from: line,
    legalReference: text(300).nullable().default(null),
  }).strict(),
  securityMeasures: z.array(line).max(30),
  transfersOutsideEu: text(1000).nullable().default(null),
}).strict();
export type RegisterEntryInput = z.infer<typeof registerEntryInput>;

export interface RegisterColumn {
  table: string;
  column: string;
  category: DataCategory;
  categoryLabel: string;
  sensitive: boolean;
  operator: string;
}

export interface RegisterEntry extends RegisterEntryInput {
  key: string;
  module: string;
  legalBasisLabel: string;
  dataCategories: Array<{ key: DataCategory; label: string; sensitive: boolean }>;
  columns: RegisterColumn[];
  /** False while the entry is as the modules declare it; true once the organisation edited it. */
  edited: boolean;
  version: number;
  updatedAt: string | null;
}

export interface Register {
  organisation: { name: string; slug: string };
  activities: RegisterEntry[];
}

function operatorLabel(op: ParsedPersonalData['tables'][string]['personal'][string]['operator']): string {
  switch (op.kind) {
    case 'mask': return `mask:${op.keep}`;
    case 'generalise': return `generalise:${op.to}`;
    default: return op.kind;
  }
}

/** Every declared activity with the personal columns that serve it, for the modules of an organisation. */
export function declaredActivities(verticals: readonly string[], locale: Locale): Array<Omit<RegisterEntry, 'edited' | 'version' | 'updatedAt'>> {
  const keys = new Set(modulesOf(verticals).map((m) => m.key));
  const declarations = personalDataDeclarations().map((d) => ({ ...d, parsed: personalDataDeclaration.parse(d.declaration) }));
  const columns = new Map<string, RegisterColumn[]>();
  for (const { module, parsed } of declarations) {
    if (!keys.has(module)) continue;
    for (const [table, declared] of Object.entries(parsed.tables)) {
      for (const [column, c] of Object.entries(declared.personal)) {
        const activity = c.activity ?? declared.activity;
        const list = columns.get(activity) ?? [];
        list.push({ table, column, category: c.category, categoryLabel: DATA_CATEGORIES[c.category][locale], sensitive: c.sensitive, operator: operatorLabel(c.operator) });
        columns.set(activity, list);
      }
    }
  }
  return declarations.filter((d) => keys.has(d.module)).flatMap(({ module, parsed }) => parsed.activities.map((a: z.output<typeof personalDataDeclaration>['activities'][number]) => {
    const own = columns.get(a.key) ?? [];
    const categories = new Map<DataCategory, boolean>();
    for (const c of own) categories.set(c.category, (categories.get(c.category) ?? false) || c.sensitive);
    return {
      key: a.key, module, name: a.name[locale], purpose: a.purpose[locale], legalBasis: a.legalBasis, legalBasisLabel: LEGAL_BASES[a.legalBasis][locale],
      dataSubjects: a.dataSubjects.map((s) => s[locale]), recipients: a.recipients.map((r) => r[locale]),
      retention: { duration: a.retention.duration, from: a.retention.from[locale], legalReference: a.retention.legalReference ?? null },
      securityMeasures: a.securityMeasures.map((s) => s[locale]), transfersOutsideEu: null,
      dataCategories: [...categories].map(([key, sensitive]) => ({ key, label: DATA_CATEGORIES[key][locale], sensitive })),
      columns: own,
    };
  }));
}

async function organisation(ctx: RequestContext): Promise<{ name: string; slug: string; verticals: string[] }> {
  const tenant = await ctx.trx('tenants').where({ id: ctx.principal.tenantId }).first('name', 'slug', 'verticals');
  return { name: String(tenant.name), slug: String(tenant.slug), verticals: (tenant.verticals as string[]) ?? [] };
}

/** The organisation's register: every activity of its modules, as edited when it was. */
export async function readRegister(ctx: RequestContext, locale: Locale): Promise<Register> {
  if (!ctx.ability.can('read', 'ProcessingRegister')) throw new ForbiddenError(gdprMessage('gdpr.forbidden-register-read'));
  const org = await organisation(ctx);
  const rows = await ctx.trx('gdprRegisterEntries').select('activityKey', 'entry', 'version', 'updatedAt');
  const stored = new Map(rows.map((r) => [String(r.activityKey), r]));
  // The transfers the officer declared (ADR 0030) are recipients of their activity, whether the entry was edited or not.
  const transfers = await transfersByActivity(ctx.trx, locale);
  const activities = declaredActivities(org.verticals, locale).map((declared) => {
    const row = stored.get(declared.key);
    if (!row) return withTransfers({ ...declared, edited: false, version: 0, updatedAt: null }, transfers);
    const entry = registerEntryInput.parse(row.entry);
    return withTransfers({
      ...declared, ...entry, legalBasisLabel: LEGAL_BASES[entry.legalBasis][locale], edited: true, version: Number(row.version),
      updatedAt: new Date(row.updatedAt as string).toISOString(),
    }, transfers);
  });
  return { organisation: { name: org.name, slug: org.slug }, activities };
}

export async function readRegisterEntry(ctx: RequestContext, key: string, locale: Locale): Promise<RegisterEntry> {
  const found = (await readRegister(ctx, locale)).activities.find((a) => a.key === key);
  if (!found) throw new NotFoundError(gdprMessage('gdpr.unknown-activity'));
  return found;
}

/** Replaces an activity's entry (If-Match on its version: 0 while never edited); noted in the audit log. */
export async function updateRegisterEntry(ctx: RequestContext, key: string, input: RegisterEntryInput, expected: ExpectedVersion | undefined, locale: Locale): Promise<RegisterEntry> {
  if (!ctx.ability.can('update', 'ProcessingRegister')) throw new ForbiddenError(gdprMessage('gdpr.forbidden-register-update'));
  const current = await readRegisterEntry(ctx, key, locale);
  const locked = await ctx.trx('gdprRegisterEntries').where({ activityKey: key }).forUpdate().first('version');
  const version = locked ? Number(locked.version) : 0;
  if (!versionMatches(expected, version)) throw new StaleVersionError(current);
  await ctx.trx('gdprRegisterEntries')
    .insert({ tenantId: ctx.principal.tenantId, activityKey: key, entry: JSON.stringify(input), version: version + 1, updatedBy: ctx.principal.userId, updatedAt: ctx.trx.fn.now() })
    .onConflict(['tenantId', 'activityKey']).merge();
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.register.update', targetType: 'gdpr-register-entry', targetId: key, details: {},
  });
  return readRegisterEntry(ctx, key, locale);
}

export type { ProcessingActivity };
