import type { Request } from 'express';
import type { Locale } from '../../domain/process/business-labels';

/** The language labels are written in: English when the request prefers it (Accept-Language), French otherwise. */
export function readerLocale(req: Request): Locale {
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
}
