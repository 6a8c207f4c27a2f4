import { formatCents, formatDate, formatDateTime } from './format';

/**
 * Messages a person reads, raised as a code with parameters and written in
 * the reader's language only when an answer is sent (docs/adr/0010-server-messages.md).
 * Each context keeps a catalogue (`<context>.messages.ts`) of entries with a
 * French and an English text; `messagesOf(catalogue)` gives the function that
 * raises them, which accepts only the catalogue's codes, each with its parameters.
 */
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export const DEFAULT_LOCALE: Locale = 'fr';

/** What a text is given to write values in the reader's language. */
export interface Formatter {
  locale: Locale;
  /** Euros from cents: `1 250,50 €`, `€1,250.50`. */
  money(cents: number | string): string;
  /** A calendar date (`2026-04-18` or an instant, in Paris): `18 avr. 2026`, `Apr 18, 2026`. */
  date(value: string | Date): string;
  /** An instant in Paris time: `5 juin 2023, 14:00`, `Jun 5, 2023, 2:00 PM`. */
  dateTime(value: string | Date): string;
  /** A nested message (or a text kept as written). */
  text(value: Text): string;
  /** Items joined as the language does: `a, b et c`, `a, b and c`. */
  list(items: readonly string[]): string;
  /** Items joined by « ou » / "or": `a, b ou c`, `a, b or c`. */
  either(items: readonly string[]): string;
  /** A name or a value quoted as the language does: `« Relance »`, `"Relance"`. */
  quote(value: unknown): string;
}

type Params = Record<string, unknown>;
type Writer<P> = (params: P, f: Formatter) => string;

/** A catalogue entry: a fixed text, or texts written from typed parameters (with an example, so a test renders it). */
export type Entry<P extends Params = Params> =
  | { fr: string; en: string }
  | { fr: Writer<P>; en: Writer<P>; example: P };

export type Catalogue = Record<string, Entry<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An entry written from parameters; their type is the example's. */
export function entry<P extends Params>(e: { example: P; fr: Writer<P>; en: Writer<P> }): { example: P; fr: Writer<P>; en: Writer<P> } {
  return e;
}

/** Names a catalogue (its codes are checked against it at compile time). */
export function defineMessages<const C extends Catalogue>(catalogue: C): C {
  return catalogue;
}

/** A message raised in code: its stable code and parameters travel in answers next to its text. */
export class Message {
  constructor(readonly code: string, readonly params: Params, private readonly entryOf: Entry<any>) {} // eslint-disable-line @typescript-eslint/no-explicit-any

  render(locale: Locale): string {
    const text = this.entryOf[locale];
    return typeof text === 'string' ? text : (text as Writer<Params>)(this.params, formatter(locale));
  }

  /** Answers carry the code and the parameters (nested messages as theirs). */
  toJSON(): { code: string; params: Params } {
    return { code: this.code, params: this.params };
  }
}

/** What an error or a report holds: a message of a catalogue, or (not yet translated) a text kept as written. */
export type Text = Message | string;

type ParamsOf<E> = E extends { example: infer P } ? P : never;
/** The parameters of one code of a catalogue. */
export type ParamsOfCode<C extends Catalogue, K extends keyof C> = ParamsOf<C[K]>;
type Args<E> = E extends { example: unknown } ? [params: ParamsOf<E>] : [];

/** The function raising the messages of one catalogue: `m('events.payment-over-due', { dueCents })`. */
export function messagesOf<C extends Catalogue>(catalogue: C) {
  return <K extends keyof C & string>(code: K, ...args: Args<C[K]>): Message =>
    new Message(code, (args[0] ?? {}) as Params, catalogue[code]!);
}

export function renderText(text: Text, locale: Locale): string {
  return typeof text === 'string' ? text : text.render(locale);
}

const formatters = new Map<Locale, Formatter>();

export function formatter(locale: Locale): Formatter {
  let f = formatters.get(locale);
  if (!f) {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const lists = new Intl.ListFormat(tag, { type: 'conjunction' });
    const alternatives = new Intl.ListFormat(tag, { type: 'disjunction' });
    f = {
      locale,
      money: (cents) => formatCents(cents, locale),
      date: (value) => formatDate(value, locale),
      dateTime: (value) => formatDateTime(value, locale),
      text: (value) => renderText(value, locale),
      list: (items) => lists.format(items),
      either: (items) => alternatives.format(items),
      quote: (value) => (locale === 'fr' ? `« ${String(value)} »` : `"${String(value)}"`),
    };
    formatters.set(locale, f);
  }
  return f;
}

/**
 * A value with its messages written in `locale`: wherever a `message` holds a
 * Message, it becomes the text and its `code` and `params` are set beside it;
 * any other Message becomes its text. Plain objects and arrays are walked,
 * nothing else is touched.
 */
export function renderDeep(value: unknown, locale: Locale): unknown {
  if (value instanceof Message) return value.render(locale);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, locale));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = renderDeep(v, locale);
    if (key === 'message' && v instanceof Message) {
      if (!('code' in value)) out.code = v.code;
      if (!('params' in value) && Object.keys(v.params).length) out.params = v.params;
    }
  }
  return out;
}
