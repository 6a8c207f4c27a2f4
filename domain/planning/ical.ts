import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { withTenant } from '../../db/tenant-scope';

/**
 * A person's agenda as an iCalendar feed (RFC 5545) at a secret address: the token is 32 random
 * bytes (base64url) given once; only its SHA-256 is stored, and a new token replaces the old one.
 * The feed holds only the person's own entries, with what their agenda shows: title, kind,
 * client and site names, period; never notes, contacts or anybody else's entries.
 */
export interface FeedEntry {
  id: string;
  kind: 'intervention' | 'absence' | 'appointment';
  mode: 'remote' | 'on-site' | null;
  status: 'planned' | 'done' | 'cancelled';
  title: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  accountName: string | null;
  siteName: string | null;
  version: number;
  updatedAt: Date;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest();
export const isTokenShaped = (token: string) => TOKEN.test(token);

/** Text values escaped as RFC 5545 §3.3.11 says. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Content lines folded at 75 octets (§3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (d: Date) => DateTime.fromJSDate(d, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
const localDate = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyyMMdd');

const KIND_FR = { intervention: 'Intervention', absence: 'Absence', appointment: 'Rendez-vous' } as const;
const MODE_FR = { remote: 'à distance', 'on-site': 'sur site' } as const;

/** The feed of one person (`name` names the calendar), entries in any order. */
export function icalFeed(input: { name: string; zone: string; host: string; entries: readonly FeedEntry[] }): string {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Relais//Planning//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`Planning — ${input.name}`)}`, `X-WR-TIMEZONE:${input.zone}`,
  ];
  for (const e of input.entries) {
    const category = e.kind === 'intervention' && e.mode ? `${KIND_FR[e.kind]} ${MODE_FR[e.mode]}` : KIND_FR[e.kind];
    const location = [e.accountName, e.siteName].filter(Boolean).join(' — ');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@${input.host}`,
      `DTSTAMP:${utc(e.updatedAt)}`,
      ...(e.allDay
        ? [`DTSTART;VALUE=DATE:${localDate(e.startsAt, input.zone)}`, `DTEND;VALUE=DATE:${localDate(e.endsAt, input.zone)}`]
        : [`DTSTART:${utc(e.startsAt)}`, `DTEND:${utc(e.endsAt)}`]),
      `SUMMARY:${escapeText(e.title)}`,
      `CATEGORIES:${escapeText(category)}`,
      ...(location ? [`LOCATION:${escapeText(location)}`] : []),
      `STATUS:${e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      `SEQUENCE:${Math.max(0, e.version - 1)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** A new secret address for the person's feed (the old one stops working). Answers the token, shown once. */
export async function renewIcalToken(trx: Knex.Transaction, tenantId: string, userId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await trx('planningIcalTokens').insert({ tenantId, userId, tokenHash: hashToken(token), createdAt: trx.fn.now() })
    .onConflict(['tenantId', 'userId']).merge();
  return token;
}

/** Whether the person has a feed address (its token is never shown again). */
export async function icalTokenSince(trx: Knex.Transaction, userId: string): Promise<Date | null> {
  const row = await trx('planningIcalTokens').where('userId', userId).first('createdAt');
  return row?.createdAt ?? null;
}

/** How far the feed looks: 90 days back, 365 ahead. */
const FEED_BACK_DAYS = 90;
const FEED_AHEAD_DAYS = 365;

/**
 * The feed a token opens, or null (unknown, replaced, or its person deactivated). The token's hash
 * alone says whose it is (security-definer `planning_ical_owner`); the entries are then read in that
 * person's tenant under row-level security.
 */
export async function icalFeedFor(knex: Knex, token: string, now: Date, host: string): Promise<string | null> {
  if (!isTokenShaped(token)) return null;
  const owner = (await knex.raw('select tenant_id as "tenantId", user_id as "userId" from planning_ical_owner(?)', [hashToken(token)])).rows[0] as { tenantId: string; userId: string } | undefined;
  if (!owner) return null;
  return withTenant({ tenantId: owner.tenantId, userId: owner.userId }, async (trx) => {
    const user = await trx('users').where('id', owner.userId).first('displayName');
    const calendar = await trx('businessCalendars').where('isDefault', true).first('timeZone');
    const entries = await trx('planningEntries as e').leftJoin('accounts as a', 'a.id', 'e.accountId').leftJoin('sites as s', 's.id', 'e.siteId')
      .where('e.userId', owner.userId)
      .where('e.endsAt', '>', new Date(now.getTime() - FEED_BACK_DAYS * 86_400_000))
      .where('e.startsAt', '<', new Date(now.getTime() + FEED_AHEAD_DAYS * 86_400_000))
      .orderBy('e.startsAt')
      .select('e.id', 'e.kind', 'e.mode', 'e.status', 'e.title', 'e.startsAt', 'e.endsAt', 'e.allDay', 'a.name as accountName', 's.name as siteName', 'e.version', 'e.updatedAt');
    return icalFeed({ name: user.displayName, zone: calendar?.timeZone ?? 'Europe/Paris', host, entries: entries as FeedEntry[] });
  }, knex);
}
