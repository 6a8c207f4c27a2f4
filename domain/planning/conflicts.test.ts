import { conflictMessage, describePeriod, type ConflictingEntry } from './conflicts';

const PARIS = 'Europe/Paris';
const at = (iso: string) => new Date(iso);
const base: ConflictingEntry = {
  id: '00000000-0000-4000-8000-000000000001', kind: 'intervention', title: '#1042 Imprimante en panne', absenceReason: null,
  accountName: 'Garage Renault Pornic', startsAt: at('2026-12-15T13:00:00Z'), endsAt: at('2026-12-15T15:00:00Z'), allDay: false,
};

describe('planning conflicts: the conflicting entry named as people say it', () => {
  it('names the person, the client and the hours of an intervention the same day, in Paris time', () => {
    const message = conflictMessage('Hugo Technicien', base, at('2026-12-15T14:00:00Z'), PARIS);
    expect(message.render('fr')).toBe('Hugo Technicien est déjà en intervention chez Garage Renault Pornic de 14 h à 16 h');
    expect(message.render('en')).toBe('Hugo Technicien is already on an intervention at Garage Renault Pornic from 2 pm to 4 pm');
  });

  it('gives the day when the conflicting entry is on another day than the one being planned, and minutes when there are', () => {
    const entry = { ...base, startsAt: at('2026-12-15T13:30:00Z'), endsAt: at('2026-12-16T08:00:00Z') };
    expect(conflictMessage('Hugo Technicien', entry, at('2026-12-16T07:00:00Z'), PARIS).render('fr'))
      .toBe('Hugo Technicien est déjà en intervention chez Garage Renault Pornic du 15 déc. à 14 h 30 au 16 déc. à 9 h');
    expect(describePeriod(at('2026-12-15T13:00:00Z'), at('2026-12-15T15:00:00Z'), false, at('2026-12-17T09:00:00Z'), PARIS).fr).toBe('le 15 déc. de 14 h à 16 h');
  });

  it('says an absence by its reason, whole days without hours', () => {
    const holiday: ConflictingEntry = { ...base, kind: 'absence', absenceReason: 'holiday', accountName: null, startsAt: at('2026-12-20T23:00:00Z'), endsAt: at('2026-12-23T23:00:00Z'), allDay: true };
    expect(conflictMessage('Hugo Technicien', holiday, at('2026-12-22T08:00:00Z'), PARIS).render('fr')).toBe('Hugo Technicien est en congé du 21 déc. au 23 déc.');
    const sick = { ...holiday, absenceReason: 'sick' as const, startsAt: at('2026-12-01T23:00:00Z'), endsAt: at('2026-12-02T23:00:00Z') };
    expect(conflictMessage('Hugo Technicien', sick, at('2026-12-02T08:00:00Z'), PARIS).render('fr')).toBe('Hugo Technicien est en arrêt maladie le 2 déc.');
  });

  it('quotes the title of an intervention without client and of another appointment', () => {
    expect(conflictMessage('Hugo Technicien', { ...base, accountName: null }, at('2026-12-15T08:00:00Z'), PARIS).render('fr'))
      .toBe('Hugo Technicien est déjà en intervention « #1042 Imprimante en panne » de 14 h à 16 h');
    expect(conflictMessage('Hugo Technicien', { ...base, kind: 'appointment', title: 'Réunion d’équipe' }, at('2026-12-15T08:00:00Z'), PARIS).render('fr'))
      .toBe('Hugo Technicien a déjà « Réunion d’équipe » de 14 h à 16 h');
  });
});
