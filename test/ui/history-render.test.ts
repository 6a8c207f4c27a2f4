import { createI18n } from 'vue-i18n';
import { renderHistory, type HistoryItem, type HistoryVocabulary } from '../../ui/src/shared/history-render';
import historyFr from '../../ui/src/shared/history.fr';
import historyEn from '../../ui/src/shared/history.en';
import commsFr from '../../ui/src/comms/comms.fr';
import commsEn from '../../ui/src/comms/comms.en';
import eventsFr from '../../ui/src/events/events.fr';
import eventsEn from '../../ui/src/events/events.en';
import recordsFr from '../../ui/src/core/records.fr';
import recordsEn from '../../ui/src/core/records.en';

/** Record timelines as people read them (ui/src/shared/history-render.ts), with the app's real French and English messages. */
const i18n = createI18n({ legacy: false, locale: 'fr', messages: { fr: { history: historyFr, comms: commsFr, events: eventsFr, records: recordsFr }, en: { history: historyEn, comms: commsEn, events: eventsEn, records: recordsEn } } });
const { t, te } = i18n.global;
const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** A contract's vocabulary as the events panels give it: its field labels, amounts from cents, dates in Paris time. */
function contractVocabulary(): HistoryVocabulary {
  return {
    t: (key, params) => t(key, params ?? {}), te: (key) => te(key), record: t('events.history.records.contracts'),
    label: (field) => (te(`events.fields.contracts.${field}`) ? t(`events.fields.contracts.${field}`) : null),
    display: (field, value) => {
      if (field.endsWith('Cents')) return money.format(Number(value) / 100);
      if (field.endsWith('At')) return dateTime.format(new Date(String(value)));
      return String(value);
    },
  };
}

const SOPHIE = { id: '11111111-1111-4111-8111-111111111111', displayName: 'Sophie Martin' };
const CLIENT = '22222222-2222-4222-8222-222222222222';
const entry = (over: Partial<HistoryItem>): HistoryItem => ({ id: '1', action: 'update', at: '2026-03-12T13:05:00.000Z', actor: SOPHIE, via: null, changes: {}, ...over });
const flat = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('record timeline rendering', () => {
  it('names the contact an account\'s assignment entry is about, with the role and the site by name', () => {
    const CONTACT = '44444444-4444-4444-8444-444444444444';
    const SITE = '55555555-5555-4555-8555-555555555555';
    const vocab: HistoryVocabulary = { ...contractVocabulary(), record: t('history.records.account'), label: () => null };
    const [removed] = renderHistory([entry({
      action: 'unassign', changes: { contactId: CONTACT, purpose: 'site', siteId: SITE, billingSiteId: null }, names: { [CONTACT]: 'Jeanne Roux', [SITE]: 'Dépôt de Vannes' },
    })], vocab);
    expect(removed!.what).toBe('a retiré l\'affectation de Jeanne Roux');
    expect(removed!.lines.map((l) => `${l.label} : ${l.after}`)).toEqual(['Rôle : Site', 'Site : Dépôt de Vannes']);
  });

  it('says who created the record, with its values formatted and its ids by name, and no technical field', () => {
    const [created] = renderHistory([entry({
      action: 'create',
      changes: {
        id: { before: null, after: '33333333-3333-4333-8333-333333333333' }, clientId: { before: null, after: CLIENT }, clientName: { before: null, after: 'Camille Durand' },
        totalAmountCents: { before: null, after: 1_500_000 }, amountDueCents: { before: null, after: 1_500_000 }, notes: { before: null, after: null }, version: { before: null, after: 1 },
      },
      names: { [CLIENT]: 'Camille Durand' },
    })], contractVocabulary());
    expect(created!.who).toBe('Sophie Martin');
    expect(created!.what).toBe('a créé le contrat');
    const lines = created!.lines.map((l) => `${l.label} : ${flat(l.after)}`);
    expect(lines).toEqual(expect.arrayContaining(['Montant total : 15 000,00 €', 'Reste dû : 15 000,00 €']));
    expect(lines.join(' ')).not.toMatch(/id|version|notes|Cents|[0-9a-f]{8}-/);
  });

  it('puts a single change in the sentence as before → after, and several as lines', () => {
    const vocab = contractVocabulary();
    const [one, two] = renderHistory([
      entry({ changes: { amountDueCents: { before: 1_500_000, after: 500_000 } } }),
      entry({ id: '2', changes: { amountDueCents: { before: 1, after: 2 }, totalAmountCents: { before: 3, after: 4 } } }),
    ], vocab);
    expect(flat(one!.what)).toBe('a modifié « Reste dû » : 15 000,00 € → 5 000,00 €');
    expect(one!.lines).toEqual([]);
    expect(two!.what).toBe('a modifié le contrat');
    expect(two!.lines.map((l) => l.label)).toEqual(['Reste dû', 'Montant total']);
  });

  it('reads a message entry as a sentence with its outcome in words, never its raw fields', () => {
    const [sent, refused] = renderHistory([
      entry({
        action: 'message', actor: null, via: { processKey: 'events.lead-to-event', processName: "Epic Events : du prospect à l'événement" },
        changes: {
          messageId: '44444444-4444-4444-8444-444444444444', channel: 'sms', direction: 'outbound', status: 'delivered', recipient: '+33612345678',
          templateKey: null, subject: null, preview: 'Votre événement commence demain', reason: null, errorCode: null, sentByProcess: 'tenant/events.lead-to-event/x',
        },
      }),
      entry({ id: '2', action: 'message', changes: { channel: 'mail', direction: 'outbound', status: 'refused', recipient: 'camille@example.fr', subject: 'Relance', errorCode: 'no_consent', reason: 'No consent to mail' } }),
    ], contractVocabulary());
    expect(`${sent!.who} ${sent!.what}`).toBe("Le processus « Epic Events : du prospect à l'événement » a envoyé un SMS à +33612345678 — Distribué");
    expect(sent!.excerpt).toBe('Votre événement commence demain');
    expect(sent!.lines).toEqual([]);
    expect(`${refused!.who} ${refused!.what}`).toBe('Sophie Martin a envoyé un e-mail à camille@example.fr — Refusé');
    expect(refused!.lines.map((l) => `${l.label} : ${l.after}`)).toEqual(['Objet : Relance', 'Motif : pas de consentement du destinataire']);
    const text = JSON.stringify([sent, refused]);
    for (const raw of ['messageId', 'direction', 'outbound', 'sentByProcess', 'status:', 'channel', 'No consent']) expect(text).not.toContain(raw);
  });

  it('credits a change made through a process to the person, noting the process', () => {
    const [signed] = renderHistory([entry({ action: 'sign', via: { processKey: 'events.lead-to-event', processName: null }, changes: { signed: { before: false, after: true } } })], contractVocabulary());
    expect(`${signed!.who} ${signed!.what}`).toBe('Sophie Martin a marqué le contrat comme signé');
    expect(signed!.via).toBe('via le processus « events.lead-to-event »');
  });

  it('renders payments, consents, uploads and an id the reader may not see', () => {
    const vocab = contractVocabulary();
    const [payment, consent, upload, hidden] = renderHistory([
      entry({ action: 'payment', changes: { amountDueCents: { before: 1_500_000, after: 1_000_000 } } }),
      entry({ id: '2', action: 'consent', changes: { channel: 'sms', consent: { before: 'granted', after: 'withdrawn' } } }),
      entry({ id: '3', action: 'upload', actor: null, changes: { document: { before: null, after: 'devis.pdf' } } }),
      entry({ id: '4', changes: { clientId: { before: CLIENT, after: '55555555-5555-4555-8555-555555555555' } }, names: { [CLIENT]: 'Camille Durand' } }),
    ], { ...vocab, label: (field) => (field === 'clientId' ? 'Client' : vocab.label(field)) });
    expect(flat(payment!.what)).toBe('a enregistré un paiement de 5 000,00 €');
    expect(consent!.what).toBe('a retiré le consentement (SMS)');
    expect(`${upload!.who} ${upload!.what}`).toBe('Relais a ajouté le document « devis.pdf »');
    expect(hidden!.what).toBe('a modifié « Client » : Camille Durand → (non visible)');
  });

  it('speaks English with the English messages', () => {
    i18n.global.locale.value = 'en';
    try {
      const [sent] = renderHistory([entry({ action: 'message', changes: { channel: 'sms', direction: 'outbound', status: 'sent', recipient: '+33612345678' } })], { ...contractVocabulary(), record: 'the contract' });
      expect(`${sent!.who} ${sent!.what}`).toBe('Sophie Martin sent a text message to +33612345678 — Sent');
    } finally {
      i18n.global.locale.value = 'fr';
    }
  });
});
