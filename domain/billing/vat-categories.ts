/**
 * EN 16931 VAT category codes (BT-151), in the order a VAT breakdown lists them: S standard, Z zero
 * rated, E exempt, AE reverse charge, K intra-EU, G export, O outside scope. No zod here: the UI
 * runs totals.ts (live totals of a draft) and imports this file with it.
 */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
