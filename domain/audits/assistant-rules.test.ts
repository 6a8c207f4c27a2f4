import { adviceFor, anyOf, checkCitations, DRAFT_MARK, findingDraft, matchAssets, searchWords, summaryDraft } from './assistant-rules';

describe('the local assistant rules', () => {
  it('recognises assets in what was captured', () => {
    const matches = matchAssets('Salle serveur : un Windows Server 2012 R2 (contrôleur de domaine), partage SMBv1 actif, borne Wi-Fi WPA2.');
    expect(matches.map((m) => m.rule.key)).toEqual(['windows-end-of-support', 'smbv1', 'wifi']);
    expect(adviceFor(matches[0]!)).toMatch(/^Vous avez relevé « Windows Server 2012 R2 » : .*SMBv1/);
    expect(matchAssets('Poste sous Windows 11, à jour.')).toEqual([]);
  });

  it('keeps only plain words for the full-text search', () => {
    expect(searchWords('Windows Server 2012 — 10.0.0.12 ; mot de passe « admin » dans les RÉGLAGES')).toEqual(['windows', 'server', '2012', 'mot', 'passe', 'admin', 'reglages']);
    expect(anyOf(['fin de support', "l'obsolète", 'x'])).toBe('fin | support | obsolete');
    expect(anyOf([])).toBeNull();
    expect(searchWords("'); drop table x; -- & | !")).toEqual(['drop', 'table']);
  });

  it('drops a model suggestion that cites nothing retrieved', () => {
    const retrieved = [{ id: 'AAAA', title: 'A' }, { id: 'bbbb', title: 'B' }];
    expect(checkCitations([
      { text: 'Cite A', sources: ['aaaa'] },
      { text: 'Cite une invention', sources: ['zzzz'] },
      { text: 'Ne cite rien', sources: [] },
      { text: 'Invention puis B', sources: ['zzzz', '[bbbb]'] },
      { text: '  ', sources: ['bbbb'] },
    ], retrieved)).toEqual([{ text: 'Cite A', source: retrieved[0] }, { text: 'Invention puis B', source: retrieved[1] }]);
  });

  it('drafts an executive summary by severity and a finding, both marked as drafts', () => {
    const text = summaryDraft({ title: 'Audit Mairie', scopes: ['network', 'awareness'] }, [
      { title: 'Sauvegardes non testées', severity: 'medium' }, { title: 'SMBv1 actif', severity: 'high' }, { title: 'Windows 2012', severity: 'critical' },
    ], { network: 'réseau interne', awareness: 'sensibilisation' });
    expect(text.startsWith(DRAFT_MARK)).toBe(true);
    expect(text).toContain('L’audit a porté sur : réseau interne, sensibilisation.');
    expect(text).toContain('3 constats relevés : 1 de gravité critique, 1 de gravité élevée, 1 de gravité moyenne.');
    expect(text.indexOf('Windows 2012')).toBeLessThan(text.indexOf('SMBv1 actif'));
    expect(text).not.toContain('Sauvegardes non testées');
    expect(findingDraft({ title: 'SMBv1', description: 'D', risk: 'R', recommendation: 'Désactiver', references: ['ANSSI 20'] }, 'Vu sur SRV01')).toBe(
      `${DRAFT_MARK}\n\nConstat : SMBv1\n\nRelevé sur site : Vu sur SRV01\n\nDescription : D\n\nRisque : R\n\nRecommandation : Désactiver\n\nRéférences : ANSSI 20`);
  });
});
