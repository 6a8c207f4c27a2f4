import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** Deployments and their process (spec 002 §6, docs/adr/0044-telecom-deployments.md). French first (ADR 0010). */
const both = (fr: string, en: string) => ({ fr, en });

export const deploymentsMessages = defineMessages({
  'telecom.deployments.label': entry({
    example: { number: 12, title: 'Migration mobile Orange', account: 'Boulangerie Le Fournil' },
    fr: (p) => `Déploiement n° ${p.number} — ${p.title} (${p.account})`,
    en: (p) => `Deployment #${p.number} — ${p.title} (${p.account})`,
  }),
  'telecom.deployments.status-filter': both(
    'Statut inconnu : étude, fournisseur, facturation, contrôle, correction, terminé ou abandonné.',
    'Unknown status: study, supplier, billing, check, fix, done or abandoned.',
  ),
  'telecom.deployments.status-by-process': both(
    'Le statut d’un déploiement avance avec son processus : il ne se modifie pas à la main.',
    'A deployment\'s status moves with its process: it is not changed by hand.',
  ),
  'telecom.deployments.no-such-line': entry({
    example: { index: 2 },
    fr: (p) => `La ligne n° ${p.index} n’existe pas ou n’appartient pas à ce compte client.`,
    en: (p) => `Line #${p.index} does not exist or does not belong to this account.`,
  }),
  'telecom.deployments.line-needed': entry({
    example: { kind: 'terminate-line' },
    fr: (p) => `L’action « ${p.kind} » doit désigner une ligne du déploiement.`,
    en: (p) => `The action "${p.kind}" must name one of the deployment's lines.`,
  }),
  'telecom.deployments.line-terminated': entry({
    example: { number: '+33612345678', kind: 'modify-line' },
    fr: (p) => `La ligne ${p.number} est résiliée : l’action « ${p.kind} » est impossible.`,
    en: (p) => `Line ${p.number} is terminated: the action "${p.kind}" is impossible.`,
  }),
  'telecom.deployments.line-not-pending': entry({
    example: { number: '+33612345678' },
    fr: (p) => `La ligne ${p.number} existe déjà chez l’opérateur : seule une ligne « en attente » peut être créée.`,
    en: (p) => `Line ${p.number} already exists at the operator: only a "pending" line can be created.`,
  }),
  'telecom.deployments.params': entry({
    example: { kind: 'add-fee', detail: 'amountCents' },
    fr: (p) => `Paramètres invalides pour l’action « ${p.kind} » : ${p.detail}.`,
    en: (p) => `Invalid parameters for the action "${p.kind}": ${p.detail}.`,
  }),
  'telecom.deployments.nothing-to-do': both(
    'Un déploiement doit désigner au moins une ligne ou une action.',
    'A deployment must name at least one line or one action.',
  ),
  'telecom.deployments.no-such-quote': both('Ce devis n’existe pas pour ce compte client.', 'This quote does not exist for this account.'),
  'telecom.deployments.finished': entry({
    example: { number: 12, status: 'done' },
    fr: (p) => `Le déploiement n° ${p.number} est ${p.status === 'done' ? 'terminé' : 'abandonné'} : il ne change plus.`,
    en: (p) => `Deployment #${p.number} is ${p.status === 'done' ? 'done' : 'abandoned'}: it no longer changes.`,
  }),
  'telecom.deployments.in-use': entry({
    example: { number: 12 },
    fr: (p) => `Le déploiement n° ${p.number} a commencé : abandonnez-le plutôt que de le supprimer.`,
    en: (p) => `Deployment #${p.number} has started: abandon it rather than delete it.`,
  }),
  'telecom.deployments.already-running': entry({
    example: { number: 12 },
    fr: (p) => `Le processus du déploiement n° ${p.number} est déjà en cours.`,
    en: (p) => `The process of deployment #${p.number} is already running.`,
  }),
  'telecom.deployments.not-installed': both(
    'Le processus « Étude, déploiement, facturation, contrôle » n’est pas installé dans cette organisation.',
    'The process "Study, deploy, bill, check" is not installed in this organisation.',
  ),
  'telecom.deployments.engine-unavailable': both(
    'Le moteur de processus ne répond pas : réessayez dans un instant.',
    'The process engine does not answer: try again in a moment.',
  ),
  'telecom.deployments.action-refused': entry({
    example: { kind: 'create-line', reason: 'Numéro déjà attribué' },
    fr: (p) => `L’action « ${p.kind} » a été refusée : ${p.reason}`,
    en: (p) => `The action "${p.kind}" was refused: ${p.reason}`,
  }),
});

export const deploymentsMessage = messagesOf(deploymentsMessages);
