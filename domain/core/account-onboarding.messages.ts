import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The messages of the account onboarding (core.account-onboarding; docs/adr/0010-server-messages.md), the welcome mail included. */
export const accountOnboardingMessages = defineMessages({
  'onboarding.already-running': entry({
    example: { account: 'Boulangerie Le Fournil' },
    fr: (p) => `L'accueil de « ${p.account} » est déjà en cours : suivez-le dans Processus → Suivi.`,
    en: (p) => `The onboarding of "${p.account}" is already under way: follow it in Processes → Monitor.`,
  }),
  'onboarding.not-installed': {
    fr: "L'accueil des nouveaux comptes n'est pas déployé dans votre organisation : un responsable des processus peut le déployer depuis Processus → Modélisation.",
    en: 'The onboarding of new accounts is not deployed in your organisation: a process owner can deploy it from Processes → Modeler.',
  },
  'onboarding.engine-unavailable': {
    fr: "Le moteur de processus ne répond pas : l'accueil n'a pas été lancé. Réessayez dans un instant ; si cela dure, prévenez votre administrateur.",
    en: 'The process engine does not answer: the onboarding was not started. Try again in a moment; if it lasts, tell your administrator.',
  },
  'onboarding.owner-not-eligible': {
    fr: "cette personne ne peut pas être responsable d'un compte : choisissez un collaborateur actif qui peut modifier les comptes et leurs contacts",
    en: 'this person cannot own an account: choose an active colleague who may edit accounts and their contacts',
  },
  'onboarding.welcome-subject': entry({
    example: { tenant: 'SoftWhere' },
    fr: (p) => `Bienvenue chez ${p.tenant}`,
    en: (p) => `Welcome to ${p.tenant}`,
  }),
  'onboarding.welcome-body': entry({
    example: { firstName: 'Jean', tenant: 'SoftWhere', account: 'Boulangerie Le Fournil', owner: 'Marc Gestionnaire' as string | null },
    fr: (p) => [
      `Bonjour ${p.firstName},`, '',
      `Nous sommes heureux de compter ${p.account} parmi nos clients.`,
      p.owner ? `${p.owner} est votre interlocuteur : n'hésitez pas à lui écrire en répondant à ce message.` : "N'hésitez pas à nous écrire en répondant à ce message.",
      "Nous reviendrons vers vous d'ici un mois pour faire le point ensemble.", '',
      `L'équipe ${p.tenant}`,
    ].join('\n'),
    en: (p) => [
      `Hello ${p.firstName},`, '',
      `We are glad to count ${p.account} among our clients.`,
      p.owner ? `${p.owner} is your contact: feel free to reply to this message.` : 'Feel free to reply to this message.',
      'We will get back to you within a month to see how things are going.', '',
      `The ${p.tenant} team`,
    ].join('\n'),
  }),
  'onboarding.label': entry({
    example: { account: 'Boulangerie Le Fournil', number: 4 },
    fr: (p) => `${p.account} — compte n° ${p.number}`,
    en: (p) => `${p.account} — account no. ${p.number}`,
  }),
});

export const onboardingMessage = messagesOf(accountOnboardingMessages);
