import { defineMessages, messagesOf } from '../i18n/messages';

/** The local assistant's messages (docs/adr/0010-server-messages.md, docs/adr/0037-local-assistant.md). */
export const assistantMessages = defineMessages({
  'audits.assistant.public-host': {
    fr: 'Cet hôte mène à Internet : l’assistant ne parle qu’à un serveur de votre réseau (boucle locale ou réseau privé), pour que rien de ce que vous relevez ne quitte l’entreprise. Seul le service administratif peut autoriser explicitement un hôte public.',
    en: 'This host leads to the Internet: the assistant only talks to a server on your network (loopback or private network), so that nothing you capture leaves the company. Only the administration may explicitly allow a public host.',
  },
  'audits.assistant.unresolved-host': {
    fr: 'Cet hôte est introuvable depuis le serveur Relais : vérifiez son nom (par exemple 127.0.0.1:11434 ou ollama.cabinet.lan)',
    en: 'This host cannot be found from the Relais server: check its name (for instance 127.0.0.1:11434 or ollama.cabinet.lan)',
  },
  'audits.assistant.invalid-host': {
    fr: 'Indiquez l’adresse du serveur Ollama, par exemple 127.0.0.1:11434 ou http://ollama.cabinet.lan:11434',
    en: 'Give the Ollama server’s address, for instance 127.0.0.1:11434 or http://ollama.cabinet.lan:11434',
  },
  'audits.assistant.host-and-model': {
    fr: 'Avec Ollama, indiquez l’hôte du serveur (par exemple 127.0.0.1:11434) ; le modèle est mistral si vous n’en nommez pas',
    en: 'With Ollama, give the server’s host (for instance 127.0.0.1:11434); the model is mistral unless you name one',
  },
  'audits.assistant.settings-forbidden': {
    fr: 'Seuls le service administratif et les responsables de mission règlent l’assistant',
    en: 'Only the administration and mission leads set the assistant up',
  },
  'audits.assistant.public-allow-forbidden': {
    fr: 'Seul le service administratif peut autoriser un hôte public pour l’assistant',
    en: 'Only the administration may allow a public host for the assistant',
  },
  'audits.assistant.unknown-mission': {
    fr: 'Cette mission n’existe pas ou ne vous est pas confiée',
    en: 'This mission does not exist or is not assigned to you',
  },
  'audits.assistant.unknown-suggestion': {
    fr: 'Cette suggestion de l’assistant n’existe pas ou concerne une mission qui ne vous est pas confiée',
    en: 'This assistant suggestion does not exist or concerns a mission not assigned to you',
  },
  'audits.assistant.already-decided': {
    fr: 'Cette suggestion a déjà été acceptée, modifiée ou rejetée : la décision est conservée pour la traçabilité du rapport',
    en: 'This suggestion was already accepted, edited or rejected: the decision is kept for the report’s provenance',
  },
  'audits.assistant.edit-needs-text': {
    fr: 'Pour modifier une suggestion, donnez le texte retenu',
    en: 'To edit a suggestion, give the text you keep',
  },
  'audits.assistant.unknown-library-finding': {
    fr: 'Ce constat n’existe pas dans votre bibliothèque',
    en: 'This finding is not in your library',
  },
  'audits.assistant.nothing-to-draft': {
    fr: 'Rien à rédiger : choisissez un constat de la bibliothèque ou décrivez ce que vous avez relevé',
    en: 'Nothing to draft: choose a library finding or describe what you captured',
  },
});

export const assistantMessage = messagesOf(assistantMessages);
