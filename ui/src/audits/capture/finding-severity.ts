import { cvss31BaseScore, parseCvss31, severityOfGrid, severityOfScore } from '@domain/audits/severity';
import type { Severity } from '@domain/audits/capture.schema';
import type { Fields } from './sync/types';

/** The severity a finding's rating gives, computed here as the server does (domain/audits/severity.ts), offline too. */
export function localSeverity(fields: Fields): { severity: Severity; score: number | null } | null {
  if (fields.method === 'grid') {
    const likelihood = Number(fields.likelihood);
    const impact = Number(fields.impact);
    if (!(likelihood >= 1 && likelihood <= 4 && impact >= 1 && impact <= 4)) return null;
    return { severity: severityOfGrid(likelihood, impact), score: null };
  }
  const parsed = parseCvss31(String(fields.cvssVector ?? ''));
  if (!('vector' in parsed)) return null;
  const score = cvss31BaseScore(parsed.vector);
  return { severity: severityOfScore(score), score };
}
