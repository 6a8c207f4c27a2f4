import ICAL from 'ical.js';
import { escapeText, foldLine, icalFeed, type FeedEntry } from './ical';

const entry = (over: Partial<FeedEntry>): FeedEntry => ({
  id: '3f1c8a52-9a0e-4b4e-8d1e-2f6b9c1d7e01', kind: 'intervention', mode: 'on-site', status: 'planned', title: '#1042 Imprimante en panne, bureau 3; urgent',
  startsAt: new Date('2026-12-15T13:00:00Z'), endsAt: new Date('2026-12-15T15:00:00Z'), allDay: false,
  accountName: 'Garage Renault Pornic', siteName: 'Atelier', version: 2, updatedAt: new Date('2026-12-01T10:00:00Z'), ...over,
});

describe('planning iCalendar feed (RFC 5545)', () => {
  it('escapes text values and folds long lines at 75 octets without cutting a character', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });

  it('is parsed by ical.js: one event per entry with its period, summary, place and status', () => {
    const feed = icalFeed({
      name: 'Hugo Technicien', zone: 'Europe/Paris', host: 'relais.test', entries: [
        entry({}),
        entry({ id: '3f1c8a52-9a0e-4b4e-8d1e-2f6b9c1d7e02', kind: 'absence', mode: null, title: 'Congés de fin d’année', accountName: null, siteName: null, allDay: true,
          startsAt: new Date('2026-12-20T23:00:00Z'), endsAt: new Date('2026-12-23T23:00:00Z') }),
        entry({ id: '3f1c8a52-9a0e-4b4e-8d1e-2f6b9c1d7e03', status: 'cancelled', title: 'x'.repeat(300) }),
      ],
    });
    expect(feed.endsWith('\r\n')).toBe(true);
    expect(feed.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(feed));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual([
      '3f1c8a52-9a0e-4b4e-8d1e-2f6b9c1d7e01@relais.test', '3f1c8a52-9a0e-4b4e-8d1e-2f6b9c1d7e02@relais.test', '3f1c8a52-9a0e-4b4e-8d1e-2f6b9c1d7e03@relais.test',
    ]);
    const [intervention, holiday, cancelled] = events;
    expect(intervention!.summary).toBe('#1042 Imprimante en panne, bureau 3; urgent');
    expect(intervention!.location).toBe('Garage Renault Pornic — Atelier');
    expect(intervention!.startDate.toJSDate().toISOString()).toBe('2026-12-15T13:00:00.000Z');
    expect(intervention!.endDate.toJSDate().toISOString()).toBe('2026-12-15T15:00:00.000Z');
    expect(intervention!.sequence).toBe(1);
    expect(holiday!.startDate.isDate).toBe(true);
    expect(holiday!.startDate.toString()).toBe('2026-12-21');
    expect(holiday!.endDate.toString()).toBe('2026-12-24');
    expect(cancelled!.summary).toBe('x'.repeat(300));
    expect(cancelled!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
