import { defineMessages, messagesOf } from '../i18n/messages';

/** Machines and the alerts that open tickets on them (spec 003, the RMM's place): refusals, in French first. */
const both = (fr: string, en: string) => ({ fr, en });

export const machinesMessages = defineMessages({
  'psa.machines.no-such-site': both('Ce site n\'existe pas chez ce client.', 'This site does not exist at this client.'),
  'psa.machines.no-such-machine': both('Cette machine n\'existe pas.', 'This machine does not exist.'),
  'psa.machines.alert-severity': both('doit valoir info, warning, error ou critical', 'must be info, warning, error or critical'),
});

export const machinesMessage = messagesOf(machinesMessages);
