import { diffRecords } from './history';

/** The before/after of each changed field, as a record's timeline shows it. */
describe('diffRecords', () => {
  const before = { id: 'a1', name: 'Fournil', city: 'Lorient', version: 3, updatedAt: '2026-01-01T00:00:00.000Z', createdAt: '2025-01-01T00:00:00.000Z', notes: null };

  it('reports before and after of each changed field, and nothing for unchanged ones', () => {
    const after = { ...before, name: 'Le Fournil', city: 'Vannes' };
    expect(diffRecords(before, after)).toEqual({ name: { before: 'Fournil', after: 'Le Fournil' }, city: { before: 'Lorient', after: 'Vannes' } });
  });

  it('ignores version, updatedAt, createdAt and the search vector', () => {
    const after = { ...before, version: 4, updatedAt: '2026-02-02T00:00:00.000Z', createdAt: '2026-02-02T00:00:00.000Z', search: "'fournil':1" };
    expect(diffRecords(before, after)).toEqual({});
  });

  it('treats a missing field and null alike', () => {
    const { notes: _notes, ...withoutNotes } = before;
    expect(diffRecords(before, withoutNotes)).toEqual({});
    expect(diffRecords(withoutNotes, { ...withoutNotes, notes: 'new' })).toEqual({ notes: { before: null, after: 'new' } });
  });

  it('reports every field of a created record with a null before, and of a deleted one with a null after', () => {
    expect(diffRecords(null, { id: 'a1', name: 'Fournil', version: 1 })).toEqual({ id: { before: null, after: 'a1' }, name: { before: null, after: 'Fournil' } });
    expect(diffRecords({ id: 'a1', name: 'Fournil', version: 1 }, null)).toEqual({ id: { before: 'a1', after: null }, name: { before: 'Fournil', after: null } });
  });

  it('compares structured values by content', () => {
    expect(diffRecords({ tags: ['a', 'b'] }, { tags: ['a', 'b'] })).toEqual({});
    expect(diffRecords({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual({ tags: { before: ['a', 'b'], after: ['b', 'a'] } });
    expect(diffRecords({ limit: 0 }, { limit: null })).toEqual({ limit: { before: 0, after: null } });
  });
});
