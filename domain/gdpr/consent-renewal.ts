import { COLUMN_NAMES } from '../../db/knexfile';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError } from '../errors';
import { consentMessage } from './consent.messages';
import type { ConsentRenewalView } from './consent-renewal.schema';

/**
 * The people to ask again (docs/adr/0024): when the data protection officer publishes a new version of a
 * purpose's text, those whose consent in force (a grant, not expired, not withdrawn) names an older text — or
 * none — are listed, per channel, for the officer to ask again. Their consent stays valid meanwhile (the state
 * says `textOutdated`); nothing is sent by itself.
 */
export async function consentsToRenew(ctx: RequestContext, purpose: string, now = new Date()): Promise<ConsentRenewalView> {
  if (!ctx.ability.can('read', 'ConsentText')) throw new ForbiddenError(consentMessage('gdpr.consent.forbidden-texts'));
  const current = await ctx.trx('gdprConsentTexts').where({ purpose }).max('version as v').first();
  const currentVersion = current?.v === null || current?.v === undefined ? null : Number(current.v);
  if (currentVersion === null) return { purpose, currentVersion, items: [] };
  const { rows } = await ctx.trx.raw<{ rows: Array<{ subject_kind: 'contact' | 'user'; subject_id: string; channel: string; text_version: number | null; occurred_at: Date; label: string | null }> }>(`
    with latest as (
      select distinct on (e.subject_kind, e.subject_id, e.channel) e.subject_kind, e.subject_id, e.channel, e.decision, e.expires_at, e.occurred_at, t.version as text_version
      from gdpr_consent_entries e left join gdpr_consent_texts t on t.id = e.text_id
      where e.purpose = :purpose
      order by e.subject_kind, e.subject_id, e.channel, e.occurred_at desc, e.recorded_at desc)
    select l.subject_kind, l.subject_id::text as subject_id, l.channel, l.text_version, l.occurred_at,
      case l.subject_kind when 'contact' then (select trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) from contacts c where c.id = l.subject_id)
        else (select u.display_name from users u where u.id = l.subject_id) end as label
    from latest l
    where l.decision <> 'opt-out' and (l.expires_at is null or l.expires_at > :now) and (l.text_version is null or l.text_version < :currentVersion)
    order by label nulls last, l.subject_id, l.channel
    limit 1000`, { purpose, now, currentVersion }).queryContext({ [COLUMN_NAMES]: true });
  return {
    purpose, currentVersion,
    items: rows.map((r) => ({
      subject: { kind: r.subject_kind, id: r.subject_id, label: r.label || '—' }, channel: r.channel,
      textVersion: r.text_version === null ? null : Number(r.text_version), since: new Date(r.occurred_at).toISOString(),
    })),
  };
}
