import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The pipeline's messages (issue 14, spec 003 §2.1): stages, opportunities, the journal and its reminders (docs/adr/0010-server-messages.md). */
export const pipelineMessages = defineMessages({
  'psa.pipeline.lost-reason-required': { fr: 'est obligatoire pour une opportunité perdue : indiquez pourquoi', en: 'is required for a lost opportunity: say why' },
  'psa.pipeline.no-such-stage': { fr: 'cette étape n\'existe pas dans le pipeline de l\'organisation', en: 'this stage does not exist in the organisation\'s pipeline' },
  'psa.pipeline.no-such-user': { fr: 'aucun collaborateur actif de l\'organisation ne porte cet identifiant', en: 'no active collaborator of the organisation has this id' },
  'psa.pipeline.no-such-contact': { fr: 'ce contact n\'existe pas chez ce client', en: 'this contact does not exist at this client' },
  'psa.pipeline.no-such-opportunity': { fr: 'cette opportunité n\'existe pas chez ce client', en: 'this opportunity does not exist at this client' },
  'psa.pipeline.neighbour-elsewhere': { fr: 'cette opportunité voisine n\'est pas dans l\'étape choisie', en: 'this neighbouring opportunity is not in the chosen stage' },
  'psa.pipeline.stage-key-taken': entry({
    example: { key: 'lead' },
    fr: (p) => `Une étape du pipeline a déjà la clé « ${p.key} » : choisissez-en une autre.`,
    en: (p) => `A pipeline stage already has the key "${p.key}": choose another.`,
  }),
  'psa.pipeline.stage-in-use': entry({
    example: { label: 'Lead', count: 3 },
    fr: (p) => `L'étape « ${p.label} » porte encore ${p.count} opportunité(s) : déplacez-les avant de la supprimer.`,
    en: (p) => `Stage "${p.label}" still holds ${p.count} opportunit(ies): move them before deleting it.`,
  }),
  'psa.pipeline.outcome-filter': { fr: 'doit être open, won ou lost', en: 'must be open, won or lost' },
  'psa.pipeline.quote-exists': entry({
    example: { number: 12 },
    fr: (p) => `L'opportunité n° ${p.number} a déjà un devis en cours : ouvrez-le plutôt que d'en créer un autre.`,
    en: (p) => `Opportunity #${p.number} already has a quote in progress: open it rather than create another.`,
  }),
  'psa.pipeline.quote-closed': entry({
    example: { number: 12 },
    fr: (p) => `L'opportunité n° ${p.number} est close : rouvrez-la avant d'en faire un devis.`,
    en: (p) => `Opportunity #${p.number} is closed: reopen it before making a quote of it.`,
  }),
  'psa.pipeline.quote-line': entry({
    example: { number: 12, title: 'Migration Microsoft 365' },
    fr: (p) => `${p.title} (opportunité n° ${p.number})`,
    en: (p) => `${p.title} (opportunity #${p.number})`,
  }),
  'psa.pipeline.contract-name': entry({
    example: { title: 'Banque d\'heures 20 h' },
    fr: (p) => `${p.title}`, en: (p) => `${p.title}`,
  }),
  'psa.pipeline.reminder-owner-required': { fr: 'est obligatoire avec une date de relance : à qui rappeler ?', en: 'is required with a reminder date: whom to remind?' },
  'psa.pipeline.reminder-filter': { fr: 'doit être due (relances échues) ou pending (toutes les relances à faire)', en: 'must be due (reminders due) or pending (every reminder to do)' },
});

export const pipelineMessage = messagesOf(pipelineMessages);
