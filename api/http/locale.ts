import type { Request } from 'express';
import { DEFAULT_LOCALE, type Locale } from '../../domain/i18n/messages';

/** The language an answer is written in: English when the request prefers it (Accept-Language), French otherwise. */
export function requestLocale(req: Request): Locale {
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : DEFAULT_LOCALE;
}
