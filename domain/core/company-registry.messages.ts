import { defineMessages, messagesOf } from '../i18n/messages';

/** The French company lookup's messages (docs/adr/0010-server-messages.md). */
export const companyRegistryMessages = defineMessages({
  'company-registry.query': {
    fr: 'doit être un nom d\'entreprise (2 caractères ou plus), un SIREN (9 chiffres) ou un SIRET (14 chiffres)',
    en: 'must be a company name (2 characters or more), a SIREN (9 digits) or a SIRET (14 digits)',
  },
  'company-registry.unavailable': {
    fr: 'Le répertoire des entreprises ne répond pas pour le moment : saisissez l\'entreprise à la main ou réessayez dans quelques instants.',
    en: 'The company registry is not answering for the moment: type the company in by hand or try again in a few moments.',
  },
  'company-registry.rejected': {
    fr: 'Le répertoire des entreprises refuse cette recherche : précisez le nom, ou saisissez un SIREN ou un SIRET.',
    en: 'The company registry refuses this search: make the name more precise, or type a SIREN or a SIRET.',
  },
});

export const companyRegistryMessage = messagesOf(companyRegistryMessages);
