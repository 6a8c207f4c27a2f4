import { ValidationError } from '../errors';
import { maskNetworkAddress, maskSerial, maskText } from './capture-masks';
import type { CaptureKind, FindingRating } from './capture.schema';
import { captureMessage as m } from './capture.messages';
import type { CaptureKindSpec, Row } from './capture-records';
import { cvss31BaseScore, parseCvss31, severityOfGrid, severityOfScore } from './severity';

/** The three kinds of captured items (ADR 0035): what each keeps in clear, what it seals, what it derives. */

export const inventorySpec: CaptureKindSpec = {
  kind: 'inventory', table: 'auditInventoryItems', sqlTable: 'audit_inventory_items', recordType: 'audit-inventory-item',
  names: { fr: 'équipement', en: 'inventory item' },
  plain: ['siteId', 'type', 'brand', 'model', 'location', 'notes'],
  sealed: { serial: maskSerial, networkAddress: maskNetworkAddress, owner: maskText },
};

export const observationSpec: CaptureKindSpec = {
  kind: 'observations', table: 'auditObservations', sqlTable: 'audit_observations', recordType: 'audit-observation',
  names: { fr: 'observation', en: 'observation' },
  plain: ['siteId', 'checkId'],
  sealed: { body: maskText, peopleMet: maskText },
};

/** A finding's rating as its columns: the severity from the CVSS 3.1 base score, or from the grid. */
export function ratingColumns(rating: FindingRating): Row {
  if (rating.method === 'grid') {
    return { severityMethod: 'grid', likelihood: rating.likelihood, impact: rating.impact, cvssVector: null, cvssScore: null, severity: severityOfGrid(rating.likelihood, rating.impact) };
  }
  const parsed = parseCvss31(rating.vector);
  if ('problem' in parsed) throw new ValidationError([{ field: 'rating.vector', message: m(`audits.capture.cvss-${parsed.problem}`) }]);
  const score = cvss31BaseScore(parsed.vector);
  return { severityMethod: 'cvss', cvssVector: parsed.vector, cvssScore: score, likelihood: null, impact: null, severity: severityOfScore(score) };
}

export const findingSpec: CaptureKindSpec = {
  kind: 'findings', table: 'auditFindings', sqlTable: 'audit_findings', recordType: 'audit-finding',
  names: { fr: 'constat', en: 'finding' },
  plain: ['siteId', 'libraryFindingId', 'title', 'status'],
  sealed: { description: maskText, risk: maskText, recommendation: maskText },
  derive: (input) => (input.rating ? ratingColumns(input.rating as FindingRating) : {}),
  presentExtra: (row) => ({
    severity: row.severity, severityMethod: row.severityMethod, cvssVector: row.cvssVector ?? null,
    cvssScore: row.cvssScore === null || row.cvssScore === undefined ? null : Number(row.cvssScore),
    likelihood: row.likelihood ?? null, impact: row.impact ?? null, status: row.status ?? 'open',
  }),
};

export const CAPTURE_SPECS: Record<CaptureKind, CaptureKindSpec> = { inventory: inventorySpec, observations: observationSpec, findings: findingSpec };
