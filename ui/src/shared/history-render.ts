/**
 * A record's timeline as people read it: who did what, with the values, for
 * every kind of history entry (creations with their values, changes as
 * before → after, messages with their outcome, consents, payments…). Pure:
 * texts come from the caller's i18n (`t`), field labels and value formats
 * from the record kind's own field definitions, so no label table is kept here.
 */

export interface HistoryItem {
  id: string;
  action: string;
  at: string;
  actor: { id: string; displayName: string } | null;
  /** The process the change was made through (its instance's title). */
  via?: { processKey: string; processName: string | null } | null;
  changes?: Record<string, unknown>;
  /** Names of the ids the changes mention, resolved by the server within the reader's rights. */
  names?: Record<string, string>;
}

export interface HistoryVocabulary {
  t: (key: string, params?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  /** The record kind's label of a field; null for a field people do not see (ids, technical columns). */
  label: (field: string) => string | null;
  /** A field's stored value as people read it (money, dates, enums); ids are named before this is asked. */
  display: (field: string, value: unknown) => string;
  /** What the record is, with its article: « le client », « l'événement ». */
  record: string;
}

export interface HistoryLine {
  field: string;
  label: string;
  /** Null for a value set at creation (no before). */
  before: string | null;
  after: string;
}

export interface RenderedHistoryEntry {
  id: string;
  action: string;
  at: string;
  /** A person's name, the process, or the platform. */
  who: string;
  /** What they did, a verb phrase: « a créé le client ». */
  what: string;
  /** « via le processus « … » », when a person acted through a process. */
  via: string | null;
  lines: HistoryLine[];
  /** A quoted text (a message's start). */
  excerpt: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Columns that never read as a change: the record's id, a name derived from an id shown by name already. */
const TECHNICAL = new Set(['id', 'tenantId', 'version', 'createdAt', 'updatedAt', 'createdBy', 'importedFrom']);

interface Pair {
  before: unknown;
  after: unknown;
}

function isPair(change: unknown): change is Pair {
  return Boolean(change && typeof change === 'object' && 'before' in change && 'after' in change);
}

function empty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

export function renderHistory(items: readonly HistoryItem[], vocab: HistoryVocabulary): RenderedHistoryEntry[] {
  return items.map((item) => renderEntry(item, vocab));
}

export function renderEntry(item: HistoryItem, vocab: HistoryVocabulary): RenderedHistoryEntry {
  const { t } = vocab;
  const changes = item.changes ?? {};
  const names = item.names ?? {};
  const processName = item.via ? item.via.processName ?? item.via.processKey : null;

  /** A value as text: ids by name (or « non visible »), booleans in words, the rest by the record kind's format. */
  const text = (field: string, value: unknown): string => {
    if (empty(value)) return '—';
    if (typeof value === 'string' && UUID.test(value)) return names[value] ?? t('history.hiddenName');
    if (typeof value === 'boolean') return t(value ? 'history.yes' : 'history.no');
    return vocab.display(field, value);
  };

  /** The labelled fields of the entry, each as before → after (or its value, at creation). */
  const fieldLines = (): HistoryLine[] => {
    const lines: HistoryLine[] = [];
    for (const [field, change] of Object.entries(changes)) {
      if (TECHNICAL.has(field)) continue;
      // `clientName` beside `clientId`: the id is shown by name already.
      if (field.endsWith('Name') && `${field.slice(0, -4)}Id` in changes) continue;
      const label = vocab.label(field);
      if (!label) continue;
      const pair = isPair(change) ? change : { before: null, after: change };
      if (item.action === 'create' && empty(pair.after)) continue;
      if (item.action === 'delete') {
        if (!empty(pair.before)) lines.push({ field, label, before: null, after: text(field, pair.before) });
        continue;
      }
      lines.push({ field, label, before: item.action === 'create' ? null : text(field, pair.before), after: text(field, pair.after) });
    }
    return lines;
  };

  let what: string;
  let lines: HistoryLine[] = [];
  let excerpt: string | null = null;
  const record = vocab.record;
  switch (item.action) {
    case 'create': {
      lines = fieldLines();
      const from = changes.importedFrom;
      const source = isPair(from) ? from.after : from;
      what = empty(source) ? t('history.what.create', { record }) : t('history.what.import', { record, source: String(source) });
      break;
    }
    case 'update': {
      lines = fieldLines();
      const only = lines.length === 1 ? lines[0] : undefined;
      if (only) {
        what = t('history.what.updateField', { field: only.label, before: only.before ?? '—', after: only.after });
        lines = [];
      } else {
        what = t('history.what.update', { record });
      }
      break;
    }
    case 'delete':
      lines = fieldLines();
      what = t('history.what.delete', { record });
      break;
    case 'message':
      ({ what, excerpt, lines } = messageOf(changes, vocab, text));
      break;
    case 'consent': {
      const consent = changes.consent;
      const after = isPair(consent) ? consent.after : consent;
      const channel = channelName(vocab, changes.channel);
      what = t(after === 'withdrawn' ? 'history.what.consentWithdrawn' : 'history.what.consentGranted', { channel });
      if (!empty(changes.source)) lines = [{ field: 'source', label: t('history.labels.source'), before: null, after: String(changes.source) }];
      break;
    }
    case 'upload': {
      const doc = changes.document;
      what = t('history.what.upload', { name: String((isPair(doc) ? doc.after : doc) ?? '') });
      break;
    }
    case 'assign':
    case 'unassign': {
      // On an account's timeline the entry names the contact (« a retiré l'affectation de Jeanne Roux »).
      const contact = changes.contactId;
      what = empty(contact) ? t(`history.what.${item.action}`, { record }) : t(`history.what.${item.action}Contact`, { contact: text('contactId', contact) });
      const purposeText = (value: unknown) => (vocab.te(`records.assignment.short.${String(value)}`) ? t(`records.assignment.short.${String(value)}`) : text('purpose', value));
      lines = Object.entries(changes).filter(([field, value]) => !empty(value) && !TECHNICAL.has(field) && field !== 'contactId').map(([field, value]) => ({
        field, label: vocab.label(field) ?? (vocab.te(`history.labels.${field}`) ? t(`history.labels.${field}`) : field),
        before: null, after: field === 'purpose' ? purposeText(value) : text(field, value),
      }));
      break;
    }
    case 'sign':
      what = t('history.what.sign', { record });
      break;
    case 'payment': {
      const due = changes.amountDueCents;
      if (isPair(due) && typeof due.before === 'number' && typeof due.after === 'number') {
        what = t('history.what.payment', { amount: vocab.display('amountDueCents', due.before - due.after) });
        lines = [{ field: 'amountDueCents', label: vocab.label('amountDueCents') ?? t('history.labels.amountDue'), before: text('amountDueCents', due.before), after: text('amountDueCents', due.after) }];
      } else {
        what = t('history.what.paymentPlain');
      }
      break;
    }
    case 'close':
      what = t('history.what.close', { record });
      lines = fieldLines().filter((line) => line.field !== 'status');
      break;
    default:
      // A document's own actions read as sentences (« a émis la facture »), with what they changed.
      if (vocab.te(`history.what.${item.action}`)) what = t(`history.what.${item.action}`, { record });
      else what = vocab.te(`history.actions.${item.action}`) ? t(`history.actions.${item.action}`) : t('history.what.other');
      lines = fieldLines();
  }

  let who: string;
  if (item.actor) who = item.actor.displayName;
  else if (processName) who = t('history.whoProcess', { name: processName });
  else who = t('history.system');
  return {
    id: item.id, action: item.action, at: item.at, who, what, lines, excerpt,
    via: item.actor && processName ? t('history.via', { name: processName }) : null,
  };
}

function channelName(vocab: HistoryVocabulary, channel: unknown): string {
  const key = `comms.channels.${String(channel)}`;
  return vocab.te(key) ? vocab.t(key) : String(channel ?? '');
}

/** « a envoyé un SMS à +33 6 12 34 56 78 — Distribué », with the subject and the start of the text. */
function messageOf(changes: Record<string, unknown>, vocab: HistoryVocabulary, text: (field: string, value: unknown) => string) {
  const { t, te } = vocab;
  const channel = changes.channel === 'sms' ? 'sms' : 'mail';
  const status = String(changes.status ?? '');
  const statusText = te(`comms.statuses.${status}`) ? t(`comms.statuses.${status}`) : status;
  const inbound = changes.direction === 'inbound';
  const what = t(`history.what.${inbound ? 'received' : 'sent'}.${channel}`, { address: String(changes.recipient ?? '—'), status: statusText });
  const lines: HistoryLine[] = [];
  if (!empty(changes.subject)) lines.push({ field: 'subject', label: t('history.labels.subject'), before: null, after: String(changes.subject) });
  const code = changes.errorCode;
  if (!empty(code) && !inbound) {
    const refusal = `history.refusals.${String(code)}`;
    lines.push({ field: 'reason', label: t('history.labels.reason'), before: null, after: te(refusal) ? t(refusal) : t('history.refusals.provider', { code: String(code) }) });
  }
  if (!empty(changes.contactId)) lines.push({ field: 'contactId', label: t('history.labels.contact'), before: null, after: text('contactId', changes.contactId) });
  const excerpt = empty(changes.preview) ? null : String(changes.preview);
  return { what, lines, excerpt };
}
