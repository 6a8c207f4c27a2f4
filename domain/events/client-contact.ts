import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Message } from '../i18n/messages';
import { eventsMessage as m } from './events.messages';

/**
 * The legacy spreadsheet's "Client contact" cell holds, in one line, whatever
 * reached the client: a person's name, an email, a phone
 * ("Jacky Blangier jacky@loubouzin.grd + 666 12345"). This splits it.
 * A phone that libphonenumber cannot validate is kept as written
 * (`phoneText`), never turned into a number that was not given.
 */
export interface ClientContact {
  /** The person named in the cell, when there is one ("Jacky Blangier"). */
  personName: string | null;
  email: string | null;
  /** The phone in E.164 (+12345678901), only when it is a valid number. */
  phone: string | null;
  /** The phone as written, when it is not a valid number. */
  phoneText: string | null;
  /** More emails or phones than one: kept as written. */
  extra: string[];
  warnings: Message[];
}

const EMAIL = /(?:mailto:)?([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
// A phone: optional "+" (people type "+ 666"), then digits with spaces, dots, dashes, slashes or parentheses.
const PHONE = /(?:\+\s*|00\s*)?\(?\d[\d\s().\/-]{3,}\d\)?/g;
const LABELS = /\b(?:e-?mail|courriel|mail|t[ée]l[ée]phone|t[ée]l|phone|mobile|portable|gsm|fax|contact)\b\s*[.:]?/gi;

function clean(text: string): string {
  return text.replace(/[<>[\]{}"]/g, ' ').replace(/\s*[,;|/]\s*/g, ' ').replace(/(?:^|\s)[-–—:.()](?=\s|$)/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A phone as people type it → E.164 when libphonenumber validates it (national numbers read as French). */
export function normalisePhone(text: string): string | null {
  const compact = text.trim().replace(/^\+\s+/, '+').replace(/^00\s*/, '+');
  const parsed = parsePhoneNumberFromString(compact, 'FR');
  return parsed && parsed.isValid() ? (parsed.number as string) : null;
}

/** Several phones written one after the other ("06 12 34 56 78 07 12 34 56 78"): each valid one, or null. */
function splitPhones(written: string): string[] | null {
  const tokens = written.split(/\s+/);
  const found: string[] = [];
  let start = 0;
  while (start < tokens.length) {
    let end = tokens.length;
    while (end > start && !normalisePhone(tokens.slice(start, end).join(' '))) end -= 1;
    if (end === start) return null;
    found.push(tokens.slice(start, end).join(' '));
    start = end;
  }
  return found.length > 1 ? found : null;
}

export function parseClientContact(input: string | null | undefined): ClientContact {
  const out: ClientContact = { personName: null, email: null, phone: null, phoneText: null, extra: [], warnings: [] };
  let rest = (input ?? '').replace(/[\u00a0\u202f]/g, ' ');
  if (!rest.trim()) return out;

  for (const match of rest.matchAll(EMAIL)) {
    const email = match[1]!;
    if (!out.email) out.email = email;
    else {
      out.extra.push(email);
      out.warnings.push(m('import.second-email', { email }));
    }
  }
  rest = rest.replace(EMAIL, ' ');

  const phones = [...rest.matchAll(PHONE)].map((m) => m[0].trim()).filter((p) => p.replace(/\D/g, '').length >= 4)
    .flatMap((p) => (normalisePhone(p) ? [p] : splitPhones(p) ?? [p]));
  for (const written of phones) {
    if (out.phone || out.phoneText) {
      out.extra.push(written);
      out.warnings.push(m('import.second-phone', { phone: written }));
      continue;
    }
    const e164 = normalisePhone(written);
    if (e164) out.phone = e164;
    else {
      out.phoneText = written;
      out.warnings.push(m('import.invalid-phone', { phone: written }));
    }
  }
  rest = rest.replace(PHONE, (m) => (m.replace(/\D/g, '').length < 4 ? m : ' '));

  const name = clean(rest.replace(LABELS, ' '));
  if (/\p{L}/u.test(name)) out.personName = name;
  else if (name) out.extra.push(name);
  return out;
}
