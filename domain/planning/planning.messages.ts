import { defineMessages, entry, messagesOf } from '../i18n/messages';

/**
 * The planning context's messages (docs/adr/0010-server-messages.md): why an entry is refused
 * (the conflicting entry named as people say it), teams and the capacity forecast.
 * `when` is the conflicting entry's period already written by conflicts.ts (« de 14 h à 16 h »).
 */
const CONFLICT = { person: 'Hugo Technicien', whenFr: 'de 14 h à 16 h', whenEn: 'from 2 pm to 4 pm' };

export const planningMessages = defineMessages({
  'planning.conflict-intervention': entry({
    example: { ...CONFLICT, at: 'Garage Renault Pornic' as string | null, title: 'Imprimante en panne' },
    fr: (p, f) => `${p.person} est déjà en intervention ${p.at ? `chez ${p.at}` : f.quote(p.title)} ${p.whenFr}`,
    en: (p, f) => `${p.person} is already on an intervention ${p.at ? `at ${p.at}` : f.quote(p.title)} ${p.whenEn}`,
  }),
  'planning.conflict-absence': entry({
    example: { ...CONFLICT, reason: 'holiday' as 'holiday' | 'sick' | 'training' | 'other' },
    fr: (p) => `${p.person} ${{ holiday: 'est en congé', sick: 'est en arrêt maladie', training: 'est en formation', other: 'est absent' }[p.reason]} ${p.whenFr}`,
    en: (p) => `${p.person} ${{ holiday: 'is on holiday', sick: 'is on sick leave', training: 'is in training', other: 'is away' }[p.reason]} ${p.whenEn}`,
  }),
  'planning.conflict-appointment': entry({
    example: { ...CONFLICT, title: 'Réunion d’équipe' },
    fr: (p, f) => `${p.person} a déjà ${f.quote(p.title)} ${p.whenFr}`,
    en: (p, f) => `${p.person} already has ${f.quote(p.title)} ${p.whenEn}`,
  }),
  'planning.ends-before-start': { fr: 'doit être après le début', en: 'must be after the start' },
  'planning.too-long': { fr: 'une entrée dure au plus 62 jours : découpez-la', en: 'an entry lasts at most 62 days: split it' },
  'planning.mode-required': { fr: 'dites si l’intervention est à distance ou sur site', en: 'say whether the intervention is remote or on site' },
  'planning.reason-required': { fr: 'dites le motif de l’absence (congé, maladie, formation, autre)', en: 'give the reason for the absence (holiday, sick leave, training, other)' },
  'planning.only-intervention-mode': { fr: 'seule une intervention est à distance ou sur site', en: 'only an intervention is remote or on site' },
  'planning.only-absence-reason': { fr: 'seule une absence a un motif', en: 'only an absence has a reason' },
  'planning.record-pair': { fr: 'le type et l’identifiant de l’enregistrement planifié vont ensemble', en: 'the planned record\'s type and id go together' },
  'planning.no-such-user': { fr: 'n’est pas une personne active de l’organisation', en: 'is not an active person of the organisation' },
  'planning.no-such-account': { fr: 'n’est pas un client de l’organisation', en: 'is not a client of the organisation' },
  'planning.no-such-site': { fr: 'n’est pas un site de ce client', en: 'is not a site of this client' },
  'planning.no-such-team': { fr: 'Cette équipe n’existe pas.', en: 'This team does not exist.' },
  'planning.range-required': { fr: 'donnez une période : from et to', en: 'give a period: from and to' },
  'planning.range-too-long': entry({
    example: { days: 190 },
    fr: (p) => `la période est limitée à ${p.days} jours`,
    en: (p) => `the period is limited to ${p.days} days`,
  }),
  'planning.user-filter': { fr: 'doit être un identifiant de personne ou « me »', en: 'must be a person\'s id or "me"' },
  'planning.ical-forbidden': { fr: 'Seule la personne elle-même ou un responsable du planning renouvelle l’adresse de son agenda.', en: 'Only the person or a planning manager renews the address of their calendar.' },
  'planning.ical-not-found': { fr: 'Cette adresse d’agenda n’existe pas ou a été renouvelée.', en: 'This calendar address does not exist or was renewed.' },
  'planning.working-hours': { fr: 'doit donner, par jour de 1 (lundi) à 7 (dimanche), des plages « HH:MM » croissantes', en: 'must give, per day 1 (Monday) to 7 (Sunday), increasing "HH:MM" ranges' },
  // Why a business calendar cannot count working time (business-time.ts), quoted by the SLA calendars' refusal.
  'planning.calendar.bad-time': entry({
    example: { time: '8h30' },
    fr: (p, f) => `${f.quote(p.time)} n'est pas une heure « HH:MM »`,
    en: (p, f) => `${f.quote(p.time)} is not a local time "HH:MM"`,
  }),
  'planning.calendar.unknown-zone': entry({
    example: { zone: 'Europe/Nowhere' },
    fr: (p, f) => `le fuseau horaire ${f.quote(p.zone)} est inconnu`,
    en: (p, f) => `the time zone ${f.quote(p.zone)} is unknown`,
  }),
  'planning.calendar.bad-weekday': entry({
    example: { weekday: '8' },
    fr: (p, f) => `${f.quote(p.weekday)} n'est pas un jour de la semaine (de 1, lundi, à 7, dimanche)`,
    en: (p, f) => `${f.quote(p.weekday)} is not a day of the week (1, Monday, to 7, Sunday)`,
  }),
  'planning.calendar.bad-interval': entry({
    example: { from: '8h30', to: '12:30' },
    fr: (p) => `la plage ${p.from}–${p.to} n'est pas faite de deux heures « HH:MM »`,
    en: (p) => `the interval ${p.from}–${p.to} is not made of two local times "HH:MM"`,
  }),
  'planning.calendar.interval-backwards': entry({
    example: { from: '18:00', to: '09:00' },
    fr: (p) => `la plage ${p.from}–${p.to} finit avant de commencer`,
    en: (p) => `the interval ${p.from}–${p.to} ends before it starts`,
  }),
  'planning.calendar.overlap': entry({
    example: { first: '09:00–12:00', second: '11:00–14:00' },
    fr: (p) => `les plages ${p.first} et ${p.second} se chevauchent`,
    en: (p) => `the intervals ${p.first} and ${p.second} overlap`,
  }),
  'planning.calendar.no-hours': { fr: 'un calendrier ouvré a besoin d\'au moins une plage travaillée', en: 'a business calendar needs at least one working interval' },
  'planning.calendar.bad-day': entry({
    example: { day: '2026-13-01' },
    fr: (p, f) => `${f.quote(p.day)} n'est pas un jour « AAAA-MM-JJ »`,
    en: (p, f) => `${f.quote(p.day)} is not a day "YYYY-MM-DD"`,
  }),
  'planning.calendar.no-working-time': entry({
    example: { days: 3660 },
    fr: (p) => `ce calendrier n'a aucune heure travaillée dans les ${p.days} jours qui viennent`,
    en: (p) => `this calendar has no working time within the next ${p.days} days`,
  }),
  'planning.calendar.negative-minutes': entry({
    example: { minutes: -1 },
    fr: (p) => `impossible d'ajouter ${p.minutes} minutes ouvrées`,
    en: (p) => `cannot add ${p.minutes} business minutes`,
  }),
});

export const planningMessage = messagesOf(planningMessages);
