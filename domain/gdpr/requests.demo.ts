import type { Knex } from 'knex';
import { COLUMN_NAMES } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import type { RequestContext } from '../core/record-service';
import { buildAbility } from '../identity/ability';
import { loadPrincipal } from '../identity/principal';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { answerRequest, createRequest, verifyRequest } from './requests';
import { organisationSubjects } from './subjects';

/**
 * The rights requests' demo (ADR 0023), recorded by the organisation's data protection officer through the
 * register's actions, about people of the organisation (its contacts, else a vertical's own clients): an access request received 26 days ago whose identity was
 * checked (its reminder falls due: the process, started when the API starts, offers « Rappel : réponse due
 * dans 7 jours »), and an objection to prospecting received two months ago and answered. Seeded once: an
 * organisation with a request is left alone.
 */
const DAY = 86_400_000;

/** Two people of the first kind the organisation has with an e-mail (its contacts, else a vertical's own clients); never its staff. */
async function demoPeople(trx: Knex.Transaction, tenantId: string): Promise<{ kind: string; rows: Array<{ id: string; name: string; email: string }> } | undefined> {
  const tenant = await trx('tenants').where({ id: tenantId }).first('verticals');
  for (const subject of organisationSubjects((tenant?.verticals as string[]) ?? [])) {
    const email = subject.addresses.find((a) => a.includes('email'));
    if (!subject.table || subject.kind === 'user' || !email) continue;
    const rows = await trx(subject.table).queryContext({ [COLUMN_NAMES]: true }).whereNotNull(email).orderBy('created_at').limit(2).select(['id', email, ...subject.name]) as Array<Record<string, unknown>>;
    if (rows.length) {
      return { kind: subject.kind, rows: rows.map((r) => ({ id: String(r.id), email: String(r[email]), name: subject.name.map((c) => r[c]).filter(Boolean).join(' ') || String(r[email]) })) };
    }
  }
  return undefined;
}

export async function seedRequestsDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const dpo = tenant.userIds.dpo;
  if (!dpo) return;
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    if (await trx('gdprRequests').where({ tenantId: tenant.tenantId }).first('id')) return;
    const people = await demoPeople(trx, tenant.tenantId);
    if (!people) return;
    const principal = (await loadPrincipal(trx, tenant.tenantId, dpo))!;
    const ctx: RequestContext = { trx, principal, ability: buildAbility(principal) };
    const now = new Date();
    const [first, second] = people.rows;
    const access = await createRequest(ctx, {
      kind: 'access', subject: { kind: people.kind, id: first!.id }, requester: { name: first!.name, email: first!.email, relation: 'self' },
      details: 'Courrier : « Je souhaite savoir quelles données vous détenez sur moi et en obtenir une copie. »', receivedAt: new Date(now.getTime() - 26 * DAY).toISOString(),
    }, now, 'fr');
    await verifyRequest(ctx, access.id, 'known-address', 'fr', new Date(now.getTime() - 25 * DAY));
    const other = second ?? first!;
    const objection = await createRequest(ctx, {
      kind: 'objection', subject: { kind: people.kind, id: other.id }, requester: { name: other.name, email: other.email, relation: 'self' },
      details: 'E-mail : « Merci de ne plus m’envoyer d’offres commerciales. »', receivedAt: new Date(now.getTime() - 62 * DAY).toISOString(),
    }, now, 'fr');
    await verifyRequest(ctx, objection.id, 'known-address', 'fr', new Date(now.getTime() - 61 * DAY));
    await answerRequest(ctx, objection.id, { outcome: 'answered', answer: 'Votre opposition est enregistrée : vous ne recevrez plus nos offres commerciales.' }, 'fr', new Date(now.getTime() - 55 * DAY));
  }, admin);
}
