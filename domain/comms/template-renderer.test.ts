import { smsSegments } from './sms-segments';
import { placeholdersOf, render, syntaxProblems } from './template-renderer';

describe('template renderer', () => {
  it('fills dotted placeholders, tolerating spaces inside the braces', () => {
    expect(render('Bonjour {{contact.firstName}}, rdv {{ event.date }}.', { contact: { firstName: 'Léa' }, event: { date: '12/03' } }))
      .toEqual({ ok: true, text: 'Bonjour Léa, rdv 12/03.' });
    expect(placeholdersOf('{{a.b}} {{ a.b }} {{c}}')).toEqual(['a.b', 'c']);
  });

  it('reports missing values instead of sending a blank', () => {
    expect(render('Bonjour {{contact.firstName}} {{contact.lastName}}', { contact: { lastName: null } }))
      .toEqual({ ok: false, missing: ['contact.firstName', 'contact.lastName'] });
  });

  it('executes nothing and never walks the prototype chain', () => {
    expect(render('{{constructor.name}}', {})).toEqual({ ok: false, missing: ['constructor.name'] });
    expect(render('{{ a.toString }}', { a: {} })).toEqual({ ok: false, missing: ['a.toString'] });
    expect(syntaxProblems('{{ 1 + 1 }} {{ process.exit() }} {{ ok.path }}').map((p) => p.placeholder)).toEqual(['{{ 1 + 1 }}', '{{ process.exit() }}']);
  });

  it('counts SMS parts as operators bill them', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2 });
    expect(smsSegments('Réunion à 10h €')).toMatchObject({ encoding: 'GSM-7', characters: 16 });
    expect(smsSegments('Fête')).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(smsSegments('ê'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });
});
