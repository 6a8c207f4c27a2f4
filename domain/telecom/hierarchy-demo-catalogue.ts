import type { FleetType } from './fleet-kinds';

/**
 * The demo reseller's catalogue (issue 17): white-label brands, and plans and options per fleet type and
 * operator with their monthly sale and purchase prices (cents, excluding VAT) and the operator's product codes.
 */
export const DEMO_BRANDS = [
  { key: 'softwhere', name: 'SoftWhere Télécom' },
  { key: 'connextoo', name: 'Connextoo' },
  { key: 'breizhtel', name: 'BreizhTel Pro' },
] as const;

export interface DemoOffer {
  code: string;
  kind: 'plan' | 'option';
  name: string;
  fleetType: FleetType;
  operatorKey: string;
  productCode: string;
  sale: number;
  purchase: number;
  /** The brand whose catalogue alone has it (none: every brand's). */
  brand?: (typeof DEMO_BRANDS)[number]['key'];
}

const plan = (code: string, name: string, fleetType: FleetType, operatorKey: string, productCode: string, sale: number, purchase: number, brand?: DemoOffer['brand']): DemoOffer =>
  ({ code, kind: 'plan', name, fleetType, operatorKey, productCode, sale, purchase, ...(brand ? { brand } : {}) });
const option = (code: string, name: string, fleetType: FleetType, operatorKey: string, productCode: string, sale: number, purchase: number): DemoOffer =>
  ({ code, kind: 'option', name, fleetType, operatorKey, productCode, sale, purchase });

export const DEMO_OFFERS: readonly DemoOffer[] = [
  plan('TEL-MOB-OR-5', 'Forfait Pro 5 Go (Orange)', 'mobile', 'orange', 'SNAIC-OR-PRO5', 1_200, 650),
  plan('TEL-MOB-OR-50', 'Forfait Pro 50 Go (Orange)', 'mobile', 'orange', 'SNAIC-OR-PRO50', 2_400, 1_300),
  plan('TEL-MOB-OR-ILL', 'Forfait Pro Illimité (Orange)', 'mobile', 'orange', 'SNAIC-OR-PROILL', 3_900, 2_100),
  plan('TEL-MOB-OR-BZH30', 'Forfait Breizh 30 Go (Orange)', 'mobile', 'orange', 'SNAIC-OR-PRO30', 1_900, 1_000, 'breizhtel'),
  option('TEL-OPT-OR-INTL', 'Option International', 'mobile', 'orange', 'SNAIC-OR-OPT-INTL', 500, 200),
  option('TEL-OPT-OR-DATA20', 'Option Data +20 Go', 'mobile', 'orange', 'SNAIC-OR-OPT-D20', 800, 350),
  option('TEL-OPT-OR-ROAM', 'Option Roaming Europe Plus', 'mobile', 'orange', 'SNAIC-OR-OPT-ROAM', 600, 250),
  plan('TEL-MOB-SFR-20', 'Forfait Pro 20 Go (SFR)', 'mobile', 'sfr', 'SNAIC-SFR-PRO20', 1_800, 950),
  plan('TEL-MOB-SFR-100', 'Forfait Pro 100 Go (SFR)', 'mobile', 'sfr', 'SNAIC-SFR-PRO100', 2_900, 1_600),
  option('TEL-OPT-SFR-MULTISIM', 'Option Multi-SIM', 'mobile', 'sfr', 'SNAIC-SFR-OPT-MSIM', 400, 150),
  plan('TEL-NET-ALK-FTTH1G', 'Fibre Pro 1 Gb/s', 'internet', 'alphalink', 'ALK-FTTH-PRO-1000', 6_900, 3_900),
  plan('TEL-NET-ALK-FTTO100', 'Fibre dédiée FTTO 100 Mb/s', 'internet', 'alphalink', 'ALK-FTTO-100', 29_900, 18_000),
  plan('TEL-NET-ALK-SDSL4', 'SDSL 4 Mb/s', 'internet', 'alphalink', 'ALK-SDSL-4M', 9_900, 6_200),
  option('TEL-OPT-ALK-IP', 'IP fixe supplémentaire', 'internet', 'alphalink', 'ALK-OPT-IPV4', 500, 100),
  option('TEL-OPT-ALK-4G', 'Secours 4G', 'internet', 'alphalink', 'ALK-OPT-BKP4G', 1_500, 800),
  plan('TEL-FIX-3CX-USER', 'Poste 3CX Pro', 'fixed', '3cx', '3CX-PRO-USER', 1_200, 600),
  plan('TEL-FIX-3CX-TRUNK10', 'Trunk SIP 10 canaux', 'fixed', '3cx', '3CX-SIP-TRUNK10', 4_500, 2_500),
  option('TEL-OPT-3CX-REC', 'Enregistrement des appels', 'fixed', '3cx', '3CX-OPT-REC', 300, 100),
  option('TEL-OPT-3CX-SDA', 'Numéro SDA supplémentaire', 'fixed', '3cx', '3CX-OPT-SDA', 200, 50),
  plan('TEL-CYB-PA-440', 'Pare-feu PA-440 infogéré', 'cyber', 'paloalto', 'PAN-PA440-MSSP', 14_900, 9_800),
  plan('TEL-CYB-PA-460', 'Pare-feu PA-460 infogéré', 'cyber', 'paloalto', 'PAN-PA460-MSSP', 22_900, 15_500),
  option('TEL-OPT-PA-TP', 'Abonnement Threat Prevention', 'cyber', 'paloalto', 'PAN-SUB-TP', 3_500, 2_200),
  option('TEL-OPT-PA-GP', 'Accès distant GlobalProtect', 'cyber', 'paloalto', 'PAN-SUB-GP', 2_500, 1_500),
];
