import { renderText } from '../i18n/messages';
import { parseSupplierInvoiceCsv, readAmountCents, readPeriod } from './supplier-invoice-csv';

const texts = (csv: string, period = '2026-11') => parseSupplierInvoiceCsv(csv, period).problems.map((p) => renderText(p.message, 'fr'));

describe('supplier invoice CSV (spec 002 §7: imported as operators send them)', () => {
  it('reads a French file with a header, a BOM, French decimals and columns it does not know', () => {
    const csv = '\uFEFFNuméro;Libellé;Code produit;Période;Montant HT\n06 12 34 56 78;Forfait 20 Go;forf-20;11/2026;20,00\n+33 6 11 11 11 11;Option data;OPT-DATA;2026-11;1 234,56\n';
    expect(parseSupplierInvoiceCsv(csv, '2026-11')).toEqual({
      rows: [
        { rowNumber: 2, number: '+33612345678', operatorLineId: null, productCode: 'FORF-20', period: '2026-11', amountCents: 2000 },
        { rowNumber: 3, number: '+33611111111', operatorLineId: null, productCode: 'OPT-DATA', period: '2026-11', amountCents: 123456 },
      ],
      problems: [],
    });
  });

  it('takes a line id written in the number column for the operator\'s id', () => {
    const { rows } = parseSupplierInvoiceCsv('Numéro;Code produit;Période;Montant\nOR-1;FORF-20;2026-11;20,00\n0612345678;FORF-20;2026-11;20,00\n', '2026-11');
    expect(rows.map((r) => [r.number, r.operatorLineId])).toEqual([[null, 'OR-1'], ['+33612345678', null]]);
  });

  it('reads a file without a header: line (number or operator id); product; period; amount', () => {
    const { rows } = parseSupplierInvoiceCsv('FTTH-000042;INT-1G;202611;49.90\n0612345678;FORF-20;30/11/2026;-3,00\n', '2026-11');
    expect(rows).toEqual([
      expect.objectContaining({ number: null, operatorLineId: 'FTTH-000042', productCode: 'INT-1G', amountCents: 4990 }),
      expect.objectContaining({ number: '+33612345678', operatorLineId: null, amountCents: -300 }),
    ]);
  });

  it('names every bad row in French', () => {
    const csv = 'numero;code produit;periode;montant\n0612345678;FORF-20;2026-11;20,00\n;FORF-20;2026-11;20\n0612345678;;13/2026;douze\n0612345678;FORF-20;2026-10;20,001\n';
    expect(texts(csv)).toEqual([
      'Ligne 3 : ni numéro ni identifiant de ligne opérateur',
      'Ligne 4 : le code produit manque',
      'Ligne 4 : « 13/2026 » n’est pas une période (mois) lisible, comme 2026-11 ou 11/2026',
      'Ligne 4 : « douze » n’est pas un montant en euros, comme 12,50',
      'Ligne 5 : la période 2026-10 n’est pas celle de la facture (2026-11)',
      'Ligne 5 : « 20,001 » n’est pas un montant en euros, comme 12,50',
    ]);
    expect(texts('0612345678;FORF-20\n')).toEqual(['Ligne 1 : 2 colonne(s) au lieu de 4 (numéro ou identifiant de ligne ; code produit ; période ; montant)']);
    expect(texts('')).toEqual(['Le fichier ne contient aucune ligne de facture']);
    expect(texts('a;"b\n')[0]).toMatch(/^Le fichier n’est pas un CSV lisible/);
  });

  it('reads amounts and months as people write them', () => {
    expect(['12,50', '1 234,56', '1.234,56', '1,234.56', '12.5', '12,50 €', '-3,00', '7'].map(readAmountCents)).toEqual([1250, 123456, 123456, 123456, 1250, 1250, -300, 700]);
    expect(['12,505', 'abc', '', '1,2,3'].map(readAmountCents)).toEqual([null, null, null, null]);
    expect(['2026-11', '2026/11', '11/2026', '11-2026', '202611', '30/11/2026', '2026-11-30'].map(readPeriod)).toEqual(Array(7).fill('2026-11'));
    expect(['13/2026', '2026-00', 'novembre'].map(readPeriod)).toEqual([null, null, null]);
  });
});
