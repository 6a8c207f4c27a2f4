import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The messages of saved list views (docs/adr/0010-server-messages.md). */
export const savedViewMessages = defineMessages({
  'saved-view.name-taken': entry({
    example: { name: 'Mes prospects' },
    fr: (p) => `Vous avez déjà une vue « ${p.name} » sur cette liste : choisissez un autre nom.`,
    en: (p) => `You already have a view named "${p.name}" on this list: choose another name.`,
  }),
  'saved-view.not-owner': {
    fr: 'Seule la personne qui a enregistré cette vue peut la renommer, la partager ou la supprimer.',
    en: 'Only the person who saved this view may rename, share or delete it.',
  },
  'saved-view.too-many': entry({
    example: { max: 100 },
    fr: (p) => `Vous avez déjà ${p.max} vues sur cette liste : supprimez-en une avant d'en enregistrer une autre.`,
    en: (p) => `You already have ${p.max} views on this list: delete one before saving another.`,
  }),
  'saved-view.no-user': {
    fr: 'Seule une personne connectée enregistre des vues.',
    en: 'Only a signed-in person saves views.',
  },
});

export const savedViewMessage = messagesOf(savedViewMessages);
