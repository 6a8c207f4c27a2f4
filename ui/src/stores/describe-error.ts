import { ApiError } from '@/api/problem';
import { i18n } from '@/plugins/i18n';

/** A message for the person who has to act, in the current language. */
export function describeError(error: unknown): string {
  const t = i18n.global.t;
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.status) {
    case 0: return t('errors.network');
    case 401: return t('errors.unauthorized');
    case 403: return t('errors.forbidden');
    case 404: return t('errors.notFound');
    case 412: return t('errors.stale');
    case 429: return t('errors.rateLimited');
    case 400: {
      const fields = error.fieldProblems.map((p) => `${p.field} ${p.message}`).join(' ; ');
      return fields ? `${t('errors.validation')} ${fields}` : t('errors.validation');
    }
    default:
      return error.status >= 500 ? t('errors.server') : (error.problem.detail ?? error.message);
  }
}
