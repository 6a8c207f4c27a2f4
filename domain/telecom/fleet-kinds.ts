/**
 * A fleet is TYPE + OPERATOR (spec 002 §5.2), named as people say it: « Mobile / Orange », « Internet / Alphalink ».
 * The operator of a fleet (and of an offer) is the network or vendor the client knows; the operator port that
 * provisions its lines (`telecom_lines.operator_key`) may be another one: Orange and SFR mobiles go through SNAIC.
 */
export const FLEET_TYPES = ['mobile', 'internet', 'fixed', 'cyber'] as const;
export type FleetType = (typeof FLEET_TYPES)[number];

export const FLEET_TYPE_LABELS: Record<FleetType, { fr: string; en: string }> = {
  mobile: { fr: 'Mobile', en: 'Mobile' },
  internet: { fr: 'Internet', en: 'Internet' },
  fixed: { fr: 'Fixe', en: 'Fixed line' },
  cyber: { fr: 'Cyber', en: 'Cyber security' },
};

/** The operators and vendors SoftWhere resells, with the operator port that provisions their lines. */
export const OPERATORS: Record<string, { label: string; port: string }> = {
  orange: { label: 'Orange', port: 'snaic' },
  sfr: { label: 'SFR', port: 'snaic' },
  bouygues: { label: 'Bouygues Telecom', port: 'snaic' },
  alphalink: { label: 'Alphalink', port: 'alphalink' },
  '3cx': { label: '3CX', port: '3cx' },
  paloalto: { label: 'Palo Alto', port: 'paloalto' },
};

/** How an operator key reads (its label, or the key itself for an operator added later). */
export function operatorLabel(key: string): string {
  return OPERATORS[key]?.label ?? key;
}

/** The operator port that provisions an operator's lines (the operator's own key when it has its own API). */
export function operatorPort(key: string): string {
  return OPERATORS[key]?.port ?? key;
}

/** « Mobile / Orange »: the fleet's human-readable name, in French (the names SoftWhere's teams and bills use). */
export function fleetName(type: FleetType, operatorKey: string, locale: 'fr' | 'en' = 'fr'): string {
  return `${FLEET_TYPE_LABELS[type][locale]} / ${operatorLabel(operatorKey)}`;
}
