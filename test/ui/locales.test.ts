import fs from 'node:fs';
import path from 'node:path';
import { baseCompile, type CompileError } from '@intlify/message-compiler';
import { createI18n } from 'vue-i18n';
import { ROOT } from '../support/paths';

/**
 * Every text of the UI, as vue-i18n will show it: the core locales (ui/src/locales) and each
 * installed vertical's (ui/src/installed-locales.ts, where the module manifests take them). French and
 * English hold the same keys, and every message compiles and renders: a broken message (an
 * unescaped `@`, an unclosed `{`) fails here rather than blanking a screen.
 */
type Messages = { [key: string]: unknown };

const UI_SRC = path.join(ROOT, 'ui/src');
const LOCALES = path.join(UI_SRC, 'locales');

// Loaded with require: the UI's '@/…' imports resolve through Jest's moduleNameMapper, not the server's tsconfig.
const load = (file: string): Messages => (require(path.join(LOCALES, file)) as { default: Messages }).default;
const core = { fr: load('fr'), en: load('en') };
const REGISTRY = path.join(UI_SRC, 'installed-locales.ts');
const INSTALLED_LOCALES = (require(REGISTRY) as { INSTALLED_LOCALES: Record<string, { fr: Messages; en: Messages }> }).INSTALLED_LOCALES;

/** Every message of a tree, by its dotted key; a leaf that is not a string is reported as such. */
function leaves(tree: Messages, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of leaves(value as Messages, name)) out.set(k, v);
    else out.set(name, value);
  }
  return out;
}

/** What keeps a message from compiling, as vue-i18n's compiler says it. */
function compileErrors(message: string): string[] {
  const errors: string[] = [];
  baseCompile(message, { onError: (e: CompileError) => errors.push(`${e.message} (code ${e.code})`) });
  return errors;
}

/** Any named parameter renders as "x": the message must come out as text, with no placeholder left. */
const anyParams = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? 'x' : undefined), has: () => true });

function render(locale: 'fr' | 'en', messages: Messages, key: string): unknown[] {
  const i18n = createI18n({ legacy: false, locale, messages: { [locale]: messages } as Record<string, never>, missingWarn: false, fallbackWarn: false, warnHtmlMessage: false });
  const t = i18n.global.t as (key: string, named: object, plural?: number) => unknown;
  const rendered = [t(key, anyParams), t(key, anyParams, 1), t(key, anyParams, 5)];
  return rendered.filter((text) => typeof text !== 'string' || text === key || /\{[^}]*\}/.test(text));
}

const bundles: Array<[string, { fr: Messages; en: Messages }]> = [['core', core], ...Object.entries(INSTALLED_LOCALES).map(([key, m]): [string, { fr: Messages; en: Messages }] => [`module ${key}`, m])];

describe('UI locales: every message exists in French and English, compiles and renders', () => {
  it.each(bundles)('%s: French and English hold the same keys', (_, { fr, en }) => {
    const frKeys = [...leaves(fr).keys()];
    const enKeys = [...leaves(en).keys()];
    expect({ missingInEnglish: frKeys.filter((k) => !enKeys.includes(k)), missingInFrench: enKeys.filter((k) => !frKeys.includes(k)) })
      .toEqual({ missingInEnglish: [], missingInFrench: [] });
  });

  it.each(bundles)('%s: every message is a non-empty string that compiles and renders', (_, bundle) => {
    const broken: string[] = [];
    for (const locale of ['fr', 'en'] as const) {
      for (const [key, value] of leaves(bundle[locale])) {
        if (typeof value !== 'string' || !value.trim()) {
          broken.push(`${locale} ${key}: not a text (${JSON.stringify(value)})`);
          continue;
        }
        const errors = compileErrors(value);
        if (errors.length) broken.push(`${locale} ${key}: ${errors.join('; ')} in ${JSON.stringify(value)}`);
        else if (render(locale, bundle[locale], key).length) broken.push(`${locale} ${key}: does not render as text (${JSON.stringify(value)})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('catches a broken message: an unescaped @ does not compile, its literal form does', () => {
    expect(compileErrors('Expéditeur (ex. Relais <no-reply@exemple.fr>)')).not.toEqual([]);
    expect(compileErrors("Expéditeur (ex. Relais <no-reply{'@'}exemple.fr>)")).toEqual([]);
    const i18n = createI18n({ legacy: false, locale: 'fr', messages: { fr: { from: "no-reply{'@'}exemple.fr" } } });
    expect(i18n.global.t('from')).toBe('no-reply@exemple.fr');
  });

  it('leaves no locale file out: each one is part of the core locales or registered for its module, and every module manifest takes its texts from installed-locales.ts', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(fr|en)\.ts$/.test(entry.name)) files.push(path.relative(UI_SRC, full).replace(/\.ts$/, ''));
      }
    };
    walk(UI_SRC);
    const importsOf = (sources: string[]) => sources
      .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => ({ file, spec: m[1]! })))
      .map(({ file, spec }) => (spec.startsWith('@/') ? spec.slice(2) : path.relative(UI_SRC, path.resolve(path.dirname(file), spec))));
    const registered = importsOf([path.join(LOCALES, 'fr.ts'), path.join(LOCALES, 'en.ts'), REGISTRY]);
    // A module's texts may be merged from one file per area (the MSP: psa.fr.ts spreads tickets.fr.ts, contracts.fr.ts…).
    const moduleTexts = registered.filter((file) => /\.(fr|en)$/.test(file)).map((file) => path.join(UI_SRC, `${file}.ts`)).filter((file) => fs.existsSync(file));
    const imported = [...registered, ...importsOf(moduleTexts)];
    expect(files.filter((file) => !imported.includes(file))).toEqual([]);

    const manifests: string[] = [];
    const findManifests = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) findManifests(full);
        else if (entry.name.endsWith('.module.ts')) manifests.push(full);
      }
    };
    findManifests(UI_SRC);
    expect(manifests.length).toBeGreaterThan(0);
    for (const file of manifests) {
      const source = fs.readFileSync(file, 'utf8');
      const key = /\bkey: '([^']+)'/.exec(source)?.[1];
      expect({ file: path.relative(UI_SRC, file), messages: /messages: INSTALLED_LOCALES\.([\w$]+)/.exec(source)?.[1] }).toEqual({ file: path.relative(UI_SRC, file), messages: key });
      expect(INSTALLED_LOCALES[key!]).toBeDefined();
    }
  });
});
