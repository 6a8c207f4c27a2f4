import { personalDataDeclaration } from './personal-data';
import { reachableTables, subjectKinds, subjectPlan } from './subject-locator';
import { declaredModules, recordTypesByTable } from './subjects';

/**
 * Where a person's data is (ADR 0023): over every registered module, each table with a personal column is
 * reached by some kind of person's links (so an access request exports it and an erasure rewrites it), or
 * its module says why no request can be about it.
 */
describe('data subjects and their links', () => {
  const modules = declaredModules();
  const parsed = modules.map((m) => ({ module: m.module, p: personalDataDeclaration.parse(m.declaration) }));
  const kinds = subjectKinds(modules);

  it('declares the core\'s contacts, accounts and users and the verticals\' own people, once each', () => {
    const names = kinds.map((k) => k.subject.kind);
    expect(names).toEqual(expect.arrayContaining(['contact', 'account', 'user', 'event-client', 'ticket-requester']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('every table with personal data is reached from some kind of person, or says why it is about nobody', () => {
    const reached = new Set(kinds.flatMap((k) => [...reachableTables(subjectPlan(k.subject.kind, modules, recordTypesByTable())!)]));
    const excused = new Set(parsed.flatMap(({ p }) => Object.keys(p.notAboutSubjects)));
    const personal = parsed.flatMap(({ p }) => Object.entries(p.tables).filter(([, t]) => Object.keys(t.personal).length > 0).map(([table]) => table));
    expect(personal.filter((t) => !reached.has(t) && !excused.has(t))).toEqual([]);
  });

  it('links name declared tables and columns, and a subject\'s own row its declared columns', () => {
    const columns = new Map<string, Set<string>>();
    for (const { p } of parsed) for (const [table, t] of Object.entries(p.tables)) columns.set(table, new Set([...Object.keys(t.personal), ...t.notPersonal]));
    const has = (table: string, column: string) => columns.get(table)?.has(column) ?? false;
    const wrong: string[] = [];
    for (const { p } of parsed) {
      for (const s of p.subjects) for (const c of [...s.name, ...s.addresses]) if (!s.table || !has(s.table, c)) wrong.push(`${s.kind}: ${s.table}.${c}`);
      for (const [kind, links] of Object.entries(p.subjectLinks)) {
        if (kind !== '*' && !kinds.some((k) => k.subject.kind === kind)) wrong.push(`unknown kind ${kind}`);
        for (const l of links) {
          const cols = l.match === 'record' ? [l.typeColumn, l.idColumn] : [l.column];
          for (const c of cols) if (!has(l.table, c)) wrong.push(`${l.table}.${c}`);
          if (l.match === 'ref' && l.from && !has(l.from, l.fromColumn)) wrong.push(`${l.from}.${l.fromColumn}`);
        }
      }
      for (const table of Object.keys(p.notAboutSubjects)) if (!columns.has(table)) wrong.push(`not about subjects: ${table}`);
    }
    expect(wrong).toEqual([]);
  });
});
