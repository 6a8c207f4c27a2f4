import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The student registry's messages (spec 004, issue 18): French first; never the NIR itself, only what is wrong with it. */
const both = (fr: string, en: string) => ({ fr, en });

export const registryMessages = defineMessages({
  'school.registry.nir-format': both(
    'n’est pas un numéro de sécurité sociale : 15 caractères attendus (sexe, année, mois, département dont 2A/2B, commune, ordre, clé)',
    'is not a social security number: 15 characters expected (sex, year, month, department including 2A/2B, commune, order, key)',
  ),
  'school.registry.nir-key': both(
    'a une clé de contrôle fausse : vérifiez le numéro de sécurité sociale (une faute de frappe ?)',
    'has a wrong control key: check the social security number (a typo?)',
  ),
  'school.registry.nir-taken': entry({
    example: { number: 42 },
    fr: (p) => `Ce numéro de sécurité sociale est déjà celui de l’étudiant n° ${p.number} : ouvrez sa fiche plutôt que d’en créer une seconde.`,
    en: (p) => `This social security number already belongs to student no. ${p.number}: open their record rather than create a second one.`,
  }),
  'school.registry.nir-filter-forbidden': both(
    'Votre rôle ne permet pas de rechercher un étudiant par son numéro de sécurité sociale.',
    'Your role may not look a student up by their social security number.',
  ),
  'school.registry.nir-reveal-forbidden': both(
    'Votre rôle ne permet pas d’afficher le numéro de sécurité sociale en clair : il reste masqué.',
    'Your role may not show the social security number in clear: it stays masked.',
  ),
  'school.registry.no-such-company': both('Cette entreprise n’existe pas parmi les entreprises de l’école.', 'This company is not one of the school’s companies.'),
  'school.registry.postal-code': both('n’est pas un code postal français (5 chiffres)', 'is not a French postal code (5 digits)'),
  'school.registry.promotion': both('doit être une année de promotion, comme 2026', 'must be a class year, such as 2026'),
});

export const registryMessage = messagesOf(registryMessages);
