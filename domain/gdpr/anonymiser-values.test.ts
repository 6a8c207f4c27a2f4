import { anonymisedRow, anonymisedValue, columnsToWrite, emptyValue, isAnonymised, releasesKept, type ColumnShape, type PlannedColumn } from './anonymiser-values';
import { p } from './personal-data';

const KEY = { id: 'k1', secret: Buffer.from('a test key of thirty-two bytes!!') };
const shape = (name: string, dataType = 'text', nullable = true, generated = false): ColumnShape => ({ name, dataType, nullable, generated });
const planned = (column: string, declared: ReturnType<typeof p.erase>, s: ColumnShape = shape(column)): PlannedColumn => ({ column, operator: declared.operator, shape: s });

describe('the anonymiser\'s values', () => {
  it('writes the personal columns that exist, neither kept nor generated', () => {
    const shapes = new Map([['name', shape('name')], ['city', shape('city')], ['search', shape('search', 'tsvector', true, true)], ['email', shape('email')]]);
    const columns = columnsToWrite({ name: p.pseudonymise('identity'), city: p.keep('address'), search: p.erase('identity'), email: p.mask('contact', 'email-domain'), gone: p.erase('contact') }, shapes);
    expect(columns.map((c) => c.column)).toEqual(['name', 'email']);
  });

  it('a kept column with a release is written by retention only (its legal period ended), with the release\'s operator', () => {
    const shapes = new Map([['buyer', shape('buyer', 'jsonb')], ['city', shape('city')], ['notes', shape('notes')]]);
    const personal = { buyer: p.keep('identity', { release: { kind: 'erase' } }), city: p.keep('address'), notes: p.erase('free-text') };
    expect(columnsToWrite(personal, shapes).map((c) => c.column)).toEqual(['notes']);
    expect(columnsToWrite(personal, shapes, true).map((c) => [c.column, c.operator.kind])).toEqual([['buyer', 'erase'], ['notes', 'erase']]);
    expect([releasesKept(personal), releasesKept({ city: p.keep('address') })]).toEqual([true, false]);
  });

  it('an erased column holds null, or its type\'s empty value where it needs one', () => {
    expect(emptyValue(shape('notes'))).toBeNull();
    expect(emptyValue(shape('body', 'text', false))).toBe('');
    expect(emptyValue(shape('changes', 'jsonb', false))).toEqual({});
    expect(emptyValue(shape('tags', 'ARRAY', false))).toEqual([]);
    expect(emptyValue(shape('first_contact_on', 'date', false))).toBe('1970-01-01');
  });

  it('applies each operator, shaped for its column', () => {
    expect(anonymisedValue('Jean Dupont', planned('name', p.pseudonymise('identity')), KEY)).toMatch(/^pseudo:k1:[\w-]{22}$/);
    expect(anonymisedValue('jean@exemple.fr', planned('email', p.mask('contact', 'email-domain')))).toBe('***@exemple.fr');
    expect(anonymisedValue('Appelle le lundi', planned('notes', p.erase('free-text')))).toBeNull();
    expect(anonymisedValue({ name: { before: 'A', after: 'B' } }, planned('changes', p.erase('free-text'), shape('changes', 'jsonb', false)))).toEqual({});
    expect(anonymisedValue('1987-06-14', planned('born_on', p.generalise('personal-life', 'year'), shape('born_on', 'date', false)))).toBe('1987-01-01');
    expect(anonymisedValue(new Date('2024-05-17T10:00:00Z'), planned('last', p.generalise('personal-life', 'month'), shape('last', 'timestamp with time zone')))).toBe('2024-05-01T00:00:00Z');
    expect(anonymisedValue('12 rue Nationale, 59000 Lille', planned('location', p.mask('location', 'town')))).toBe('Lille');
    // What the operator cannot read is erased, never kept.
    expect(anonymisedValue('pas une adresse', planned('email', p.mask('contact', 'email-domain'), shape('email', 'text', false)))).toBe('');
  });

  it('is idempotent: an anonymised value stays as it is', () => {
    const columns = [
      planned('name', p.pseudonymise('identity')), planned('email', p.mask('contact', 'email-domain')), planned('phone', p.mask('contact', 'phone-last-digits')),
      planned('postal_code', p.mask('address', 'postal-department')), planned('first_name', p.mask('identity', 'initials')), planned('notes', p.erase('free-text')),
      planned('born_on', p.generalise('personal-life', 'month'), shape('born_on', 'date')), planned('changes', p.erase('free-text'), shape('changes', 'jsonb', false)),
    ];
    const row = { name: 'Jean Dupont', email: 'jean@exemple.fr', phone: '+33 6 12 34 56 78', postal_code: '75011', first_name: 'Jean-Pierre', notes: 'x', born_on: '1987-06-14', changes: { a: 1 } };
    const once = { ...row, ...anonymisedRow(row, columns, KEY) };
    expect(once).toMatchObject({ email: '***@exemple.fr', phone: '•••••••••78', postal_code: '75', first_name: 'J.-P.', notes: null, born_on: '1987-06-01', changes: {} });
    expect(anonymisedRow(once, columns, KEY)).toBeNull();
    for (const c of columns.filter((x) => x.operator.kind !== 'generalise')) expect(isAnonymised(once[c.column as keyof typeof once], c.operator)).toBe(true);
  });

  it('answers only the columns that change', () => {
    const columns = [planned('notes', p.erase('free-text')), planned('email', p.mask('contact', 'email-domain'))];
    expect(anonymisedRow({ notes: 'Rappeler', email: '***@exemple.fr' }, columns)).toEqual({ notes: null });
    expect(anonymisedRow({ notes: null, email: null }, columns)).toBeNull();
  });
});
