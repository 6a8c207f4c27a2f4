import type assistantFr from './assistant.fr';

/** Texts of the local assistant (English). */
const assistantEn: typeof assistantFr = {
  nav: { settings: 'Local assistant' },
  panel: {
    title: 'Assistant',
    intro: 'Suggestions drawn from your control catalogue and finding library, from what you captured. Nothing leaves the company.',
    suggest: 'Suggest',
    summary: 'Draft the summary',
    draftFinding: 'Draft a finding',
    empty: 'No suggestion yet: capture hardware or observations, then ask for suggestions.',
    nothingFound: 'Nothing in your catalogue matches what was captured yet.',
    accept: 'Accept',
    edit: 'Edit',
    reject: 'Reject',
    save: 'Save',
    cancel: 'Cancel',
    editLabel: 'Text kept',
    draft: 'Assistant’s draft',
    status: { proposed: 'Proposed', accepted: 'Accepted', edited: 'Edited', rejected: 'Rejected' },
    source: { 'check-point': 'Check point', 'library-finding': 'Library finding', 'past-finding': 'Past finding' },
    noSource: 'The mission’s findings',
    kinds: { check: 'Complementary check', analysis: 'Analysis', 'finding-draft': 'Finding', 'summary-draft': 'Summary' },
  },
  mission: {
    title: 'The mission’s assistant',
    context: 'What you captured',
    hint: 'Hardware, versions, observations: for instance « Windows Server 2012 R2, SMBv1 share enabled »',
  },
  settings: {
    title: 'Local assistant',
    intro: 'By default, the assistant draws on your catalogue and finding library without any model. With Ollama, a model installed on your network rewrites these suggestions: the host must be on the machine or on a private network.',
    provider: 'Provider',
    providers: { embedded: 'Embedded (no model)', ollama: 'Ollama (local model)' },
    host: 'Ollama host',
    hostHint: 'For instance 127.0.0.1:11434 or http://ollama.cabinet.lan:11434',
    model: 'Model',
    modelHint: 'For instance mistral (installed by « ollama pull mistral »)',
    allowPublic: 'Explicitly allow a public host (administration, recorded in the audit log)',
    publicAllowed: 'Public host allowed on {at}',
    save: 'Save',
    saved: 'Assistant settings saved',
  },
};

export default assistantEn;
