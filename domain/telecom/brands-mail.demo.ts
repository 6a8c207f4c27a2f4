import type { Knex } from 'knex';

/** The client notice the demo's brands send (spec 002 §11, ADR 0048): the organisation's, and Connextoo's own. */
export const SERVICE_NOTICE_KEY = 'telecom.service-notice';

const notice = (key: string, name: string, subject: string, body: string) =>
  ({ key, language: 'fr', channel: 'mail', category: 'transactional', kind: 'contact.message', name, subject, body });

const DEFAULT_NOTICE = notice(SERVICE_NOTICE_KEY, 'Information sur vos services',
  'Information sur vos services — {{account.name}}',
  'Bonjour {{contact.firstName}},\n\nUne intervention est prévue sur les services de {{account.name}}. '
  + 'Nous vous tiendrons informé de son avancement.\n\nL’équipe {{tenant.name}}');

const CONNEXTOO_NOTICE = notice(`${SERVICE_NOTICE_KEY}.connextoo`, 'Information sur vos services (Connextoo)',
  'Connextoo — vos services, {{account.name}}',
  'Bonjour {{contact.firstName}},\n\nVotre conseiller Connextoo vous informe d’une intervention prévue sur vos lignes. '
  + 'Votre espace Connextoo en suit l’avancement.\n\nConnextoo, votre opérateur de proximité');

/**
 * The demo's client notice as a comms template, and Connextoo's own version set in its branding: a contact of
 * a Connextoo client receives Connextoo's notice under Connextoo's name, the others the organisation's.
 * Idempotent: a template or a branding a person changed stays.
 */
export async function seedBrandMailDemo(admin: Knex, tenantId: string): Promise<void> {
  await admin('commsTemplates').insert([DEFAULT_NOTICE, CONNEXTOO_NOTICE].map((t) => ({ tenantId, ...t })))
    .onConflict(['tenantId', 'channel', 'key', 'language']).ignore();
  const own = await admin('commsTemplates').where({ tenantId, channel: 'mail', key: CONNEXTOO_NOTICE.key, language: 'fr' }).first('id');
  const brand = await admin('telecomBrands').where({ tenantId, key: 'connextoo' }).first('id');
  if (!own || !brand) return;
  await admin('telecomBrandBrandings').where({ brandId: brand.id }).whereRaw("mail_templates = '{}'::jsonb")
    .update({ mailTemplates: JSON.stringify({ [SERVICE_NOTICE_KEY]: own.id }) });
}
