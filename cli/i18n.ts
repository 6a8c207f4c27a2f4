/**
 * The CLI's language: French first, English for an English user (docs/adr/0010-server-messages.md).
 * `--lang fr|en` wins, then RELAIS_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG); French by
 * default. The CLI writes its own texts in it (`tr`) and asks the API for its messages in it.
 */
export type Language = 'fr' | 'en';

let current: Language = 'fr';

/** The language a locale or a `--lang` value names: English for en, en_GB…, French otherwise. */
const named = (value: string): Language => (/^en\b|^en[_-]/i.test(value) ? 'en' : 'fr');

/** The user's language from the environment: RELAIS_LANG, else the locale; French by default. */
export function environmentLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  return named(env.RELAIS_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '');
}

/** The `--lang` of a command line (`--lang en`, `--lang=en`), if any. */
export function languageFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

/** Sets the language for this run: `--lang` first, then the environment. */
export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Language {
  const flag = languageFlag(argv);
  current = flag !== undefined ? named(flag) : environmentLanguage(env);
  return current;
}

export function currentLanguage(): Language {
  return current;
}

/** The text in the user's language: `tr('Nom complet', 'Full name')`. */
export function tr(fr: string, en: string): string {
  return current === 'fr' ? fr : en;
}

/** A kind of record as sentences name it. */
export interface Noun {
  /** `client`, `clients`; `événement`, `événements`. */
  fr: readonly [singular: string, plural: string];
  en: readonly [singular: string, plural: string];
  /** Feminine in French (« Aucune tâche »). */
  feminine?: boolean;
}

/** The noun in the user's language, singular or plural. */
export function noun(n: Noun, count = 1): string {
  const [one, many] = current === 'fr' ? n.fr : n.en;
  return count === 1 ? one : many;
}

/** « de client », « d'événement » (French elides before a vowel); "client" in English. */
export function ofNoun(n: Noun): string {
  const word = n.fr[0];
  return current === 'fr' ? (/^[aeéèêiîoôuûh]/i.test(word) ? `d'${word}` : `de ${word}`) : n.en[0];
}
