/**
 * The local assistant's rules, without I/O (docs/adr/0037-local-assistant.md): what the captured text
 * points at (asset keywords such as « Windows Server 2012 »), the words the retrieval searches, the
 * instructions given to a model, and the check that a model's answer cites only what was retrieved.
 */

/** An asset or practice recognised in what was captured, and what to look for because of it. */
export interface AssetRule {
  key: string;
  pattern: RegExp;
  /** Search words (French) the catalogue and the library are searched with. */
  terms: string[];
  /** The analysis, French: what the auditor recorded means. `{found}` is replaced by what was matched. */
  advice: string;
}

export const ASSET_RULES: readonly AssetRule[] = [
  {
    key: 'windows-end-of-support', pattern: /windows\s*(?:server\s*)?(?:2000|2003|2008(?:\s*r2)?|2012(?:\s*r2)?|xp|vista|7|8(?:\.1)?)\b/i,
    terms: ['fin de support', 'obsolète', 'correctif', 'mise à jour', 'windows', 'système'],
    advice: 'Vous avez relevé « {found} » : ce système n’a plus de correctifs de sécurité de l’éditeur. Vérifiez les correctifs de fin de support, la désactivation de SMBv1 et l’isolement de la machine.',
  },
  {
    key: 'linux-end-of-support', pattern: /\b(?:centos\s*[5-8]|debian\s*(?:[5-9]|10)|ubuntu\s*(?:1[0-8])\.04)\b/i,
    terms: ['fin de support', 'obsolète', 'correctif', 'mise à jour'],
    advice: 'Vous avez relevé « {found} » : distribution en fin de support. Vérifiez les mises à jour de sécurité et le plan de migration.',
  },
  {
    key: 'smbv1', pattern: /\bsmb\s*v?1\b|\bcifs\b/i,
    terms: ['smbv1', 'partage', 'protocole', 'obsolète'],
    advice: 'Vous avez relevé « {found} » : protocole de partage obsolète (exploité par WannaCry). Vérifiez sa désactivation sur tous les postes et serveurs.',
  },
  {
    key: 'remote-desktop', pattern: /\brdp\b|bureau à distance|\b3389\b|teamviewer|anydesk/i,
    terms: ['accès à distance', 'rdp', 'authentification', 'exposition'],
    advice: 'Vous avez relevé « {found} » : accès à distance. Vérifiez qu’il n’est pas exposé sur Internet et qu’il exige une authentification forte.',
  },
  {
    key: 'cleartext-protocols', pattern: /\btelnet\b|\bftp\b|\bhttp:\/\/|\bsnmp\s*v?[12]c?\b/i,
    terms: ['protocole', 'chiffrement', 'non chiffré', 'administration'],
    advice: 'Vous avez relevé « {found} » : protocole sans chiffrement. Vérifiez qu’aucun mot de passe ni donnée d’administration n’y circule.',
  },
  {
    key: 'wifi', pattern: /wi-?fi|\bwpa2?\b|\bwep\b|borne sans fil|point d’accès|point d'accès/i,
    terms: ['wifi', 'sans fil', 'chiffrement', 'invité', 'cloisonnement'],
    advice: 'Vous avez relevé « {found} » : réseau sans fil. Vérifiez son chiffrement (WPA2/WPA3) et le cloisonnement du réseau invité.',
  },
  {
    key: 'shared-admin', pattern: /(?:compte|mot de passe)\s+(?:administrateur|admin)\s+(?:partagé|commun|identique)|mot de passe (?:par défaut|sur post-it|affiché)/i,
    terms: ['mot de passe', 'administrateur', 'compte', 'privilège'],
    advice: 'Vous avez relevé « {found} » : secret d’administration partagé ou exposé. Vérifiez la gestion des comptes à privilèges.',
  },
  {
    key: 'backup', pattern: /sauvegardes?|\bbackup\b|\bnas\b/i,
    terms: ['sauvegarde', 'restauration', 'hors ligne'],
    advice: 'Vous avez relevé « {found} » : vérifiez que les sauvegardes sont chiffrées, déconnectées et que leur restauration est testée.',
  },
];

export interface AssetMatch {
  rule: AssetRule;
  /** The words as they were written in the capture. */
  found: string;
}

/** The asset rules the captured text triggers, each once, in the rules' order. */
export function matchAssets(text: string): AssetMatch[] {
  return ASSET_RULES.flatMap((rule) => {
    const m = rule.pattern.exec(text);
    return m ? [{ rule, found: m[0].replace(/\s+/g, ' ').trim() }] : [];
  });
}

export function adviceFor(match: AssetMatch): string {
  return match.rule.advice.replace('{found}', match.found);
}

const STOP = new Set(['les', 'des', 'une', 'dans', 'pour', 'avec', 'sur', 'par', 'pas', 'est', 'sont', 'qui', 'que', 'aux', 'ces', 'son', 'ses', 'leur', 'the', 'and']);

/**
 * The words the full-text search looks for: letters and digits of 3 characters or more (plus versions
 * such as « 2012 »), lower-cased, without stop words, each once, at most `max`. Quoting is the caller's:
 * these go to `to_tsquery` joined by `|`, so only word characters are kept.
 */
export function searchWords(text: string, max = 40): string[] {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || STOP.has(raw) || /^\d+$/.test(raw) && raw.length !== 4) continue;
    out.add(raw);
    if (out.size >= max) break;
  }
  return [...out];
}

/** A `to_tsquery` text matching any of the words (each a plain word: searchWords guarantees it). */
export function anyOf(words: readonly string[]): string | null {
  const safe = words.flatMap((w) => searchWords(w, 8));
  return safe.length ? [...new Set(safe)].join(' | ') : null;
}

/** The instructions given to a model: rewrite from the given sources only, cite their ids, answer JSON. */
export const MODEL_INSTRUCTIONS = [
  'Tu es l’assistant d’un auditeur en cybersécurité. Tu écris en français, pour l’auditeur, des suggestions courtes.',
  'Tu t’appuies UNIQUEMENT sur les SOURCES données, chacune précédée de son identifiant entre crochets, et sur les relevés de la mission.',
  'Chaque suggestion cite au moins une source par son identifiant exact. N’invente ni source, ni identifiant, ni référence.',
  'Réponds uniquement en JSON : {"suggestions":[{"text":"…","sources":["<identifiant>"]}]}',
].join('\n');

export const DRAFT_INSTRUCTIONS = [
  'Tu es l’assistant d’un auditeur en cybersécurité. Réécris en français clair le BROUILLON donné dans les sources, pour des lecteurs non techniques (la direction).',
  'Tu t’appuies UNIQUEMENT sur les SOURCES données. Tu cites leurs identifiants exacts. N’invente rien.',
  'Réponds uniquement en JSON : {"suggestions":[{"text":"…","sources":["<identifiant>"]}]}',
].join('\n');

/**
 * Keeps the model's suggestions that cite at least one retrieved source, each naming the first real one;
 * a suggestion citing nothing real (or nothing at all) is dropped.
 */
export function checkCitations<S extends { id: string }>(answers: ReadonlyArray<{ text: string; sources: readonly string[] }>, retrieved: readonly S[]): Array<{ text: string; source: S }> {
  const byId = new Map(retrieved.map((s) => [s.id.toLowerCase(), s]));
  return answers.flatMap((a) => {
    const source = a.sources.map((id) => byId.get(String(id).trim().replace(/^\[|\]$/g, '').toLowerCase())).find((s) => s !== undefined);
    return source && a.text.trim() ? [{ text: a.text.trim(), source }] : [];
  });
}

/** The line that marks an assistant's draft until a person accepts or edits it. */
export const DRAFT_MARK = 'Brouillon rédigé par l’assistant — à relire et valider par l’auditeur.';

export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const SEVERITY_FR: Record<(typeof SEVERITY_ORDER)[number], string> = { critical: 'critique', high: 'élevée', medium: 'moyenne', low: 'faible', info: 'information' };

/** The executive summary for management, from the mission's findings by severity (plain French, marked as a draft). */
export function summaryDraft(mission: { title: string; scopes: readonly string[] }, findings: ReadonlyArray<{ title: string; severity: string }>, scopeLabels: Record<string, string>): string {
  const counts = SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const scopes = mission.scopes.map((s) => scopeLabels[s] ?? s).join(', ');
  const lines = [DRAFT_MARK, '', `Synthèse pour la direction — ${mission.title}`, ''];
  lines.push(`L’audit a porté sur : ${scopes || 'le périmètre convenu'}.`);
  if (!findings.length) lines.push('Aucun constat n’a été relevé à ce stade de la mission.');
  else {
    lines.push(`${findings.length} constat${findings.length > 1 ? 's' : ''} relevé${findings.length > 1 ? 's' : ''} : ${counts.map(([s, n]) => `${n} de gravité ${SEVERITY_FR[s]}`).join(', ')}.`);
    const urgent = findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    if (urgent.length) {
      lines.push('', 'À traiter en priorité :');
      for (const f of [...urgent].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity as never) - SEVERITY_ORDER.indexOf(b.severity as never)).slice(0, 5)) lines.push(`- ${f.title} (gravité ${SEVERITY_FR[f.severity as keyof typeof SEVERITY_FR]})`);
    }
    lines.push('', 'Les constats détaillés et leurs recommandations figurent dans la suite du rapport, classés par gravité.');
  }
  return lines.join('\n');
}

/** A finding's text from a library finding (description, risk, recommendation), marked as a draft. */
export function findingDraft(lib: { title: string; description: string; risk: string; recommendation: string; references: readonly string[] }, captured: string): string {
  const parts = [DRAFT_MARK, '', `Constat : ${lib.title}`];
  if (captured.trim()) parts.push('', `Relevé sur site : ${captured.trim()}`);
  if (lib.description) parts.push('', `Description : ${lib.description}`);
  if (lib.risk) parts.push('', `Risque : ${lib.risk}`);
  if (lib.recommendation) parts.push('', `Recommandation : ${lib.recommendation}`);
  if (lib.references.length) parts.push('', `Références : ${lib.references.join(', ')}`);
  return parts.join('\n');
}
