/**
 * The INSEE workforce bands (« tranche d'effectif salarié ») the French registry answers as two-character
 * codes, with their French labels: what the school office filters on when it looks for companies large
 * enough to take interns (spec 004, « Gestion des entreprises »).
 */
export const WORKFORCE_BANDS = {
  NN: 'Non employeuse',
  '00': '0 salarié',
  '01': '1 ou 2 salariés',
  '02': '3 à 5 salariés',
  '03': '6 à 9 salariés',
  '11': '10 à 19 salariés',
  '12': '20 à 49 salariés',
  '21': '50 à 99 salariés',
  '22': '100 à 199 salariés',
  '31': '200 à 249 salariés',
  '32': '250 à 499 salariés',
  '41': '500 à 999 salariés',
  '42': '1 000 à 1 999 salariés',
  '51': '2 000 à 4 999 salariés',
  '52': '5 000 à 9 999 salariés',
  '53': '10 000 salariés et plus',
} as const;
export type WorkforceBand = keyof typeof WORKFORCE_BANDS;
export const WORKFORCE_BAND_CODES = Object.keys(WORKFORCE_BANDS) as [WorkforceBand, ...WorkforceBand[]];

/** A band code as the registry answers it, or null for anything else. */
export function workforceBandOf(value: unknown): WorkforceBand | null {
  return typeof value === 'string' && value in WORKFORCE_BANDS ? value as WorkforceBand : null;
}

/** The French label of a band, or null. */
export function workforceLabel(band: string | null | undefined): string | null {
  return band && band in WORKFORCE_BANDS ? WORKFORCE_BANDS[band as WorkforceBand] : null;
}
