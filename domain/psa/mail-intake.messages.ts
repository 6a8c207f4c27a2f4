import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The mail intake's triage (mail from senders no client matched): refusals, in French first. */
const both = (fr: string, en: string) => ({ fr, en });

export const mailIntakeMessages = defineMessages({
  'psa.mail-intake.forbidden': both(
    'Le tri des courriels reçus revient à l\'équipe qui ouvre des tickets pour tous les clients.',
    'Sorting received mail is for the team that opens tickets for every client.',
  ),
  'psa.mail-intake.not-waiting': entry({
    example: { status: 'ticket' },
    fr: (p) => `Ce courriel a déjà été traité (${p.status === 'ticket' ? 'un ticket a été ouvert' : p.status === 'comment' ? 'il complète un ticket' : p.status === 'discarded' ? 'il a été écarté' : 'il est en cours de traitement'}).`,
    en: (p) => `This mail was already handled (${p.status}).`,
  }),
  'psa.mail-intake.status-filter': both(
    'doit valoir unknown-sender (expéditeur inconnu), failed (non traité), discarded (écarté), ticket, comment ou received, séparés par des virgules',
    'must be unknown-sender, failed, discarded, ticket, comment or received, comma-separated',
  ),
});

export const mailIntakeMessage = messagesOf(mailIntakeMessages);
