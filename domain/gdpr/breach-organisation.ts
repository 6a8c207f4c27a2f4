import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { prepareNotification, type NotifyingOrganisation, type PreparedNotification } from './breach-notification';
import { readBreach } from './breaches';

/** The organisation as the CNIL's form names it: its legal identity (billing profile, when filled) and its data protection officers. */
export async function notifyingOrganisation(trx: Knex.Transaction, tenantId: string): Promise<NotifyingOrganisation> {
  const tenant = await trx('tenants').where({ id: tenantId }).first('name');
  const profile = await trx('billingProfiles').first('legalName', 'siren', 'addressLine1', 'postalCode', 'city');
  const dpo = await trx('users as u').join('userRoles as ur', 'ur.userId', 'u.id').join('roles as r', 'r.id', 'ur.roleId')
    .where({ 'r.key': 'dpo', 'u.active': true }).orderBy('u.displayName').select('u.displayName as name', 'u.email as email');
  const address = profile?.addressLine1 ? [profile.addressLine1, [profile.postalCode, profile.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null;
  return {
    name: String(tenant?.name ?? ''), legalName: (profile?.legalName as string | null | undefined) ?? null, siren: (profile?.siren as string | null | undefined) ?? null,
    address, dpo: dpo.map((d: { name: string; email: string }) => ({ name: String(d.name), email: String(d.email) })),
  };
}

/** The notification to the CNIL prepared from the breach as it stands (GET …/breaches/:id/notification). */
export async function breachNotification(ctx: RequestContext, id: string, now: Date): Promise<{ notification: PreparedNotification; organisation: NotifyingOrganisation }> {
  const breach = await readBreach(ctx, id, now);
  const organisation = await notifyingOrganisation(ctx.trx, ctx.principal.tenantId);
  return { notification: prepareNotification(breach, organisation, now), organisation };
}
