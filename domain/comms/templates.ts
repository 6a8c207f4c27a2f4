import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError, versionMatches, type ExpectedVersion, type FieldProblem } from '../errors';
import { isUuid, loadFor, type RequestContext } from '../core/record-service';
import { contacts } from '../core/resources';
import type { Channel, TemplateCreate, TemplateUpdate } from './comms.schemas';
import { baseVariables, mergeVariables } from './prepare-outgoing';
import { smsSegments } from './sms-segments';
import { kindOf, TEMPLATE_KINDS, variablePaths } from './template-kinds';
import { placeholdersOf, render, syntaxProblems } from './template-renderer';
import { commsMessage } from './comms.messages';

/** Message templates per tenant, channel, key and language. */
type Row = Record<string, unknown>;
const COLUMNS = ['id', 'key', 'language', 'channel', 'category', 'kind', 'name', 'subject', 'body', 'version', 'createdAt', 'updatedAt'];

function present(row: Row): Row {
  return Object.fromEntries(COLUMNS.map((c) => [c, row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c] ?? null]));
}

function need(ctx: RequestContext, action: 'read' | 'create' | 'update' | 'delete'): void {
  if (!ctx.ability.can(action, 'MessageTemplate')) throw new ForbiddenError(commsMessage('comms.forbidden-templates', { action }));
}

/** The kinds and the variables each offers, for the editor. */
export function listKinds() {
  return Object.entries(TEMPLATE_KINDS).map(([key, kind]) => ({ key, description: kind.description, variables: variablePaths(kind.variables), sample: kind.sample }));
}

/** Refuses, at save time, any placeholder the template's kind does not declare. */
export function checkTemplate(t: { kind: string; channel: Channel; category: string; subject?: string | null; body: string }): FieldProblem[] {
  const kind = kindOf(t.kind);
  if (!kind) return [{ field: 'kind', message: commsMessage('comms.field.unknown-kind', { kinds: Object.keys(TEMPLATE_KINDS) }) }];
  const allowed = new Set(variablePaths(kind.variables));
  const problems: FieldProblem[] = [];
  for (const [field, text] of [['body', t.body], ['subject', t.subject ?? '']] as const) {
    for (const p of syntaxProblems(text)) problems.push({ field, message: commsMessage('comms.field.bad-placeholder', { placeholder: p.placeholder }) });
    const unknown = placeholdersOf(text).filter((name) => !allowed.has(name));
    if (unknown.length) {
      problems.push({ field, message: commsMessage('comms.field.unknown-variables', { unknown, kind: t.kind, allowed: [...allowed] }) });
    }
  }
  if (t.channel === 'mail' && !t.subject) problems.push({ field: 'subject', message: commsMessage('comms.field.mail-subject') });
  if (t.channel === 'sms' && t.category === 'marketing' && !/\bstop\b/i.test(t.body)) {
    problems.push({ field: 'body', message: commsMessage('comms.field.stop-mention') });
  }
  return problems;
}

export async function listTemplates(ctx: RequestContext, filter: { channel?: string; language?: string }) {
  need(ctx, 'read');
  const qb = ctx.trx('commsTemplates').orderBy(['channel', 'key', 'language']);
  if (filter.channel) qb.where({ channel: filter.channel });
  if (filter.language) qb.where({ language: filter.language });
  return (await qb).map(present);
}

async function load(ctx: RequestContext, id: string, lock = false): Promise<Row> {
  const qb = isUuid(id) ? ctx.trx('commsTemplates').where({ id }).first() : undefined;
  if (qb && lock) qb.forUpdate();
  const row = qb ? await qb : undefined;
  if (!row) throw new NotFoundError({ fr: 'modèle de message', en: 'message template' });
  return row;
}

export async function getTemplate(ctx: RequestContext, id: string) {
  need(ctx, 'read');
  return present(await load(ctx, id));
}

export async function createTemplate(ctx: RequestContext, input: TemplateCreate) {
  need(ctx, 'create');
  const subject = input.channel === 'sms' ? null : input.subject ?? null;
  const problems = checkTemplate({ ...input, subject });
  if (problems.length) throw new ValidationError(problems);
  const [row] = await ctx.trx('commsTemplates').insert({ ...input, subject, tenantId: ctx.principal.tenantId, createdBy: ctx.principal.userId }).returning('*');
  return present(row);
}

export async function updateTemplate(ctx: RequestContext, id: string, expectedVersion: ExpectedVersion, patch: TemplateUpdate) {
  need(ctx, 'update');
  const current = await load(ctx, id, true);
  if (!versionMatches(expectedVersion, current.version)) throw new StaleVersionError(present(current));
  const next = { ...current, ...patch } as Row;
  if (current.channel === 'sms') next.subject = null;
  const problems = checkTemplate({ kind: String(next.kind), channel: current.channel as Channel, category: String(next.category), subject: next.subject as string | null, body: String(next.body) });
  if (problems.length) throw new ValidationError(problems);
  const [row] = await ctx.trx('commsTemplates').where({ id }).update({ ...patch, subject: next.subject, version: Number(current.version) + 1 }).returning('*');
  return present(row);
}

export async function deleteTemplate(ctx: RequestContext, id: string) {
  need(ctx, 'delete');
  await load(ctx, id, true);
  const used = await ctx.trx('commsCampaigns').where({ templateId: id }).first('id');
  if (used) throw new ValidationError([{ field: 'id', message: commsMessage('comms.field.template-in-use') }]);
  await ctx.trx('commsTemplates').where({ id }).delete();
}

/**
 * Renders a template with the kind's sample data, completed by a real
 * contact's and the given variables: what the person will receive.
 */
export async function previewTemplate(ctx: RequestContext, input: { templateId?: string; kind?: string; channel?: Channel; category?: string; subject?: string | null; body?: string; contactId?: string; variables?: Record<string, unknown> }) {
  need(ctx, 'read');
  const saved = input.templateId ? await load(ctx, input.templateId) : undefined;
  const kindKey = String(saved?.kind ?? input.kind);
  const kind = kindOf(kindKey);
  if (!kind) throw new ValidationError([{ field: 'kind', message: commsMessage('comms.field.unknown-kind', { kinds: [] }) }]);
  const channel = (saved?.channel ?? input.channel ?? 'sms') as Channel;
  const body = String(input.body ?? saved?.body ?? '');
  const subject = (input.subject ?? saved?.subject ?? null) as string | null;
  let variables = mergeVariables({}, kind.sample);
  if (input.contactId) {
    const contact = await loadFor(ctx, contacts, input.contactId, 'read');
    const user = await ctx.trx('users').where({ id: ctx.principal.userId }).first('displayName');
    variables = mergeVariables(variables, await baseVariables(ctx.trx, contact, user?.displayName ?? ''));
  }
  variables = mergeVariables(variables, input.variables);
  const missing = [...new Set([...placeholdersOf(body), ...placeholdersOf(subject ?? '')].filter((p) => !render(`{{${p}}}`, variables).ok))];
  // A value without data shows as «name» in the preview, so the rest still reads as it will be sent.
  for (const path of missing) variables = mergeVariables(variables, path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), `«${path}»`) as Record<string, unknown>);
  const renderedBody = render(body, variables);
  const renderedSubject = subject ? render(subject, variables) : null;
  const text = renderedBody.ok ? renderedBody.text : body;
  return {
    channel,
    subject: renderedSubject ? (renderedSubject.ok ? renderedSubject.text : subject) : null,
    body: text,
    missing,
    problems: checkTemplate({ kind: kindKey, channel, category: String(input.category ?? saved?.category ?? 'transactional'), subject, body }),
    segments: channel === 'sms' ? smsSegments(text) : null,
  };
}
