import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The messages of erasure and its undo window (domain/gdpr/erasure.ts; docs/adr/0027-erasure.md). */
export const erasureMessages = defineMessages({
  'gdpr.erasure.held': entry({
    example: { reason: 'Contentieux prud’homal en cours', until: '31/12/2027' },
    fr: (p) => `Effacement impossible : une conservation légale (gel) s’applique à cette personne — ${p.reason}${p.until ? ` (jusqu’au ${p.until})` : ''}. Levez le gel ou refusez la demande en donnant ce motif.`,
    en: (p) => `Erasure refused: a legal hold applies to this person — ${p.reason}${p.until ? ` (until ${p.until})` : ''}. Lift the hold or refuse the request with this reason.`,
  }),
  'gdpr.erasure.not-erasure': { fr: 'Seule une demande d’effacement peut être exécutée ou annulée', en: 'Only an erasure request can be carried out or undone' },
  'gdpr.erasure.not-verified': {
    fr: 'L’identité du demandeur doit être vérifiée avant l’effacement',
    en: 'The requester’s identity must be verified before the erasure',
  },
  'gdpr.erasure.nothing-to-undo': { fr: 'Aucun effacement n’a été exécuté pour cette demande', en: 'No erasure was carried out for this request' },
  'gdpr.erasure.undone-already': { fr: 'Cet effacement a déjà été annulé', en: 'This erasure was already undone' },
  'gdpr.erasure.window-closed': entry({
    example: { until: '18/12/2026' },
    fr: (p) => `Le délai d’annulation est écoulé (il courait jusqu’au ${p.until}) : les valeurs d’origine ont été détruites, l’effacement est définitif`,
    en: (p) => `The undo window has closed (it ran until ${p.until}): the original values were destroyed, the erasure is final`,
  }),
  'gdpr.erasure.forbidden': { fr: 'Seul le délégué à la protection des données peut annuler un effacement', en: 'Only the data protection officer may undo an erasure' },
  'gdpr.settings.forbidden': {
    fr: 'Seul le délégué à la protection des données peut lire ou modifier le délai d’annulation des effacements',
    en: 'Only the data protection officer may read or change the erasure undo window',
  },
});

export const erasureMessage = messagesOf(erasureMessages);
