import { severityOfGrid } from '../../domain/audits/severity';
import { assistantContext, findingFromLibrary, GRID_OF_SEVERITY } from '../../ui/src/audits/capture/capture-context';
import { toBody } from '../../ui/src/audits/capture/sync/kinds';
import type { LocalRecord } from '../../ui/src/audits/capture/sync/types';

/** What the capture screen tells the assistant of a site, and a finding pre-filled from the library (issue 16). */
const record = (kind: LocalRecord['kind'], fields: LocalRecord['fields'], extra: Partial<LocalRecord> = {}): LocalRecord =>
  ({ kind, id: `${kind}-${Math.random()}`, missionId: 'm', fields, version: 1, state: 'synced', changedAt: 0, ...extra });

describe('capture × assistant: the context and the library pre-fill', () => {
  it('tells the hardware met and readable observations, never serials, addresses, people nor masked or deleted records', () => {
    const text = assistantContext([
      record('inventory', { type: 'server', brand: 'Dell', model: 'Windows Server 2012 R2', serial: 'CZJ4821', networkAddress: '10.0.12.4', owner: 'Jean Dupont' }),
      record('observations', { body: 'SMBv1 répond sur le partage.', peopleMet: 'M. Riou' }),
      record('observations', { body: '••••' }, { masked: true }),
      record('inventory', { type: 'printer', brand: 'HP' }, { deleted: true }),
      record('findings', { title: 'Déjà constaté' }),
    ], (type) => (type === 'server' ? 'Serveur' : type));
    expect(text).toBe('Serveur Dell Windows Server 2012 R2\nSMBv1 répond sur le partage.');
  });

  it('pre-fills a finding from a library entry, its default severity as a grid rating that gives it back, sent with its entry', () => {
    for (const [severity, { likelihood, impact }] of Object.entries(GRID_OF_SEVERITY)) expect(severityOfGrid(likelihood, impact)).toBe(severity);
    const fields = findingFromLibrary({ id: 'lib-1', title: 'SMBv1 actif', description: 'Le serveur accepte SMBv1.', risk: '', recommendation: 'Désactiver SMBv1.', defaultSeverity: 'high' });
    expect(fields).toMatchObject({ libraryFindingId: 'lib-1', title: 'SMBv1 actif', risk: null, method: 'grid', likelihood: 3, impact: 3 });
    expect(toBody('findings', { ...fields, siteId: 's' }, 'f-1')).toMatchObject({ id: 'f-1', libraryFindingId: 'lib-1', rating: { method: 'grid', likelihood: 3, impact: 3 } });
    expect(toBody('findings', { title: 'Sans bibliothèque', method: 'grid', likelihood: 1, impact: 1 })).not.toHaveProperty('libraryFindingId');
  });
});
