import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { registeredModules, messageCatalogue } from '../modules/registry';
import { coreMessage } from './core.messages';
import { entry, Message, LOCALES, renderDeep, type Entry } from './messages';
import { fieldIssue, issueMessage } from './zod-issues';

const rendered = (entry: Entry, locale: 'fr' | 'en') =>
  ('example' in entry ? new Message('sample', entry.example, entry) : new Message('sample', {}, entry)).render(locale);

const root = path.resolve(__dirname, '../..');

/** The TypeScript sources (tests left out) under these folders of the repository. */
function sources(dirs: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(full);
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return files;
}

describe('the message catalogue', () => {
  const catalogue = messageCatalogue();

  it('gathers the messages of every module that raises some, each code once', () => {
    expect(Object.keys(catalogue).length).toBeGreaterThan(100);
    expect(registeredModules().filter((m) => m.messages).map((m) => m.key)).toEqual(expect.arrayContaining(['core', 'events', 'identity', 'process', 'comms']));
  });

  it.each(Object.keys(messageCatalogue()))('writes %s in French and in English from its example parameters', (code) => {
    const entry = catalogue[code]!;
    for (const locale of LOCALES) {
      const text = rendered(entry, locale);
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/undefined|\[object|NaN|\$\{/);
    }
    if (!('example' in entry)) expect(entry.fr).not.toBe(entry.en);
  });

  it('finds in the catalogue every code the code base raises by name', () => {
    // The raising functions only accept catalogue codes (checked by the compiler); this scan also
    // covers codes written as text (a zod message, a code built by a schema) that the compiler cannot see,
    // and the reasons the process kernel and engine raise as codes (FeelReason, refusals of updates).
    const raised = new Set<string>();
    for (const file of sources(['api', 'domain', 'activities', 'integrations'])) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\b(?:fieldIssue|[a-z][A-Za-z]*Message|m\$?)\(\s*'([a-z][a-z0-9-]*\.[a-z0-9.-]+)'/g)) raised.add(match[1]!);
    }
    expect(raised.size).toBeGreaterThan(300);
    const engine = new Set<string>();
    for (const file of sources(['kernel', 'workflows'])) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'((?:decision|incident|engine)\.[a-z0-9-]+)'/g)) engine.add(match[1]!);
    }
    expect(engine.size).toBeGreaterThan(12);
    expect([...raised, ...engine].filter((code) => !(code in catalogue))).toEqual([]);
  });

  it('raises no error with a text written in code: every refusal is a catalogue message', () => {
    // A DomainError (or a field problem) given a literal text would reach people untranslated.
    const literal = /new (?:Domain|Validation|NotFound|Forbidden|Unauthorized|Conflict|Unprocessable|WorkbookRefused)Error\(\s*['`"]|ruleViolation\([^,()]+,\s*['`"]|\bfield: '[^']+', message: ['`"]/;
    const offenders = sources(['api', 'domain', 'activities', 'integrations'])
      .filter((file) => !file.endsWith('.messages.ts'))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ at: `${path.relative(root, file)}:${i + 1}`, line })))
      .filter(({ line }) => literal.test(line))
      .map(({ at }) => at);
    expect(offenders).toEqual([]);
  });

  it('names every custom check of a schema by a catalogue code, never by a text', () => {
    // `.refine(…, { message: 'resolution before response' })` reached French readers in English.
    const refine = /\.(?:refine|superRefine)\(.*\bmessage: '([^']*)'/;
    const found = sources(['api', 'domain', 'activities', 'integrations'])
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ at: `${path.relative(root, file)}:${i + 1}`, code: refine.exec(line)?.[1] })))
      .filter((f): f is { at: string; code: string } => f.code !== undefined);
    expect(found.length).toBeGreaterThan(3);
    expect(found.filter(({ code }) => !(code in catalogue)).map(({ at, code }) => `${at}: ${code}`)).toEqual([]);
  });

  it('writes no caught error\'s own text into a message: a library\'s or a helper\'s English would sit in the French sentence', () => {
    // `slaMessage('psa.sla.calendar-invalid', { detail: error.message })` wrote the business calendar's
    // English reason inside the French refusal; the error carries a catalogue message instead (its `reason`).
    const quoted = /\b[a-z][A-Za-z]*Message\(\s*'[^']+',\s*\{[^}]*\b(?:e|err|error|cause)\.message\b/;
    const offenders = sources(['api', 'domain', 'activities', 'integrations'])
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ at: `${path.relative(root, file)}:${i + 1}`, line })))
      .filter(({ line }) => quoted.test(line))
      .map(({ at }) => at);
    expect(offenders).toEqual([]);
  });
});

describe('writing values in messages', () => {
  it('writes euros from cents and dates in Paris time, in each language', () => {
    const over = new Message('x', { cents: 125050, at: '2023-06-05T12:00:00Z' }, entry({
      example: { cents: 0, at: '' },
      fr: (p, f) => `${f.money(p.cents)} le ${f.dateTime(p.at)}`,
      en: (p, f) => `${f.money(p.cents)} on ${f.dateTime(p.at)}`,
    }));
    expect(over.render('fr')).toBe('1\u202f250,50\u00a0€ le 5 juin 2023, 14:00');
    expect(over.render('en')).toBe('€1,250.50 on 5 Jun 2023, 14:00');
  });

  it('answers a message as its text, with its code and parameters beside a `message`', () => {
    const body = { errors: [{ field: 'email', message: coreMessage('field.email') }], note: coreMessage('field.too-long', { max: 3 }), plain: 'kept' };
    expect(renderDeep(body, 'fr')).toEqual({
      errors: [{ field: 'email', message: 'n\'est pas une adresse e-mail valide', code: 'field.email' }],
      note: 'doit faire au plus 3 caractères', plain: 'kept',
    });
    expect(JSON.parse(JSON.stringify(coreMessage('field.too-long', { max: 3 })))).toEqual({ code: 'field.too-long', params: { max: 3 } });
  });

  it('accepts only catalogue codes, each with its parameters (checked by the compiler)', () => {
    // @ts-expect-error: not a code of the catalogue
    expect(() => coreMessage('field.nope').render('fr')).toThrow();
    // @ts-expect-error: field.too-long needs { max }
    coreMessage('field.too-long');
    expect(coreMessage('field.required').render('en')).toBe('is required');
  });
});

describe('zod issues as catalogue messages', () => {
  const schema = z.object({
    name: z.string().min(1, fieldIssue('field.required')).max(5, fieldIssue('field.too-long')),
    email: z.email(),
    kind: z.enum(['a', 'b']),
    count: z.number().max(10),
    free: z.string().refine(() => false, { message: 'kept as written' }),
  });
  const messages = (input: unknown) => schema.safeParse(input, { reportInput: true }).error!.issues.map((i) => issueMessage(i));

  it('names the schema\'s code with the issue\'s bounds, and turns zod\'s own messages into codes', () => {
    const out = messages({ name: 'toolongname', email: 'x', kind: 'c', count: 11, free: 'y' });
    expect(out.map((m) => (typeof m === 'string' ? m : m.code))).toEqual(['field.too-long', 'field.email', 'field.one-of', 'field.too-big', 'kept as written']);
    expect((out[0] as Message).render('fr')).toBe('doit faire au plus 5 caractères');
    expect((out[2] as Message).render('fr')).toBe('doit valoir « a » ou « b »');
  });

  it('tells a missing value from a value of the wrong type', () => {
    const out = messages({ email: 3, kind: 'a', count: 1, free: '' }) as Message[];
    expect(out.slice(0, 2).map((m) => m.render('fr'))).toEqual(['est obligatoire', 'doit être un texte']);
  });
});
