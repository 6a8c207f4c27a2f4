/** The language labels are written in: English when the request prefers it (Accept-Language), French otherwise. */
export { requestLocale as readerLocale } from '../http/locale';
