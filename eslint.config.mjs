import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

/** The UI's vertical folders (ui/src/<key>/): only installed-modules.ts may import them from the core. */
const UI_VERTICALS = ['events', 'audits', 'certifications', 'docs', 'telecom', 'fieldservice', 'psa', 'rmm', 'school'];

// Vertical modules (docs/adr/0007-vertical-modules.md): one folder per layer each (domain/events,
// api/events, activities/events, workflows/events…). The core never imports one; only the installed-modules
// lists do. A vertical never imports another. Tests and benchmarks may import them.
const VERTICALS = ['events', 'audits', 'certifications', 'docs', 'telecom', 'fieldservice', 'psa', 'rmm', 'school'];
// A path through a vertical folder (`../domain/events/resources`), not a core file that happens to share a name (cli/commands/events.ts).
const importOf = (folders) => String.raw`^\.{1,2}/(.*/)?(${folders.join('|')})/`;
const NOT_BOUND = ['ui/**', 'test/**', 'bench/**', '**/*.test.ts', '**/installed-modules.ts'];
const boundaries = (message, folders) => ({
  // typescript-eslint's copy of the rule, so these patterns add to the layers' own no-restricted-imports.
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: importOf(folders), message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'ui/dist/', '.relais/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Workflows are replayed: they must stay deterministic (STYLE §1).
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'child_process', 'os', 'net'], message: 'Workflows may not use Node built-ins.' },
          { group: ['**/activities/**', '**/domain/**', '**/db/**', '**/integrations/**', 'knex', 'pg', 'objection'], message: 'Workflows import activities as types only.', allowTypeImports: true },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() in a loop.' }],
    },
  },
  {
    // The process language both the compiler (domain) and the interpreter (workflows) run: pure,
    // deterministic and workflow-safe, importing no layer of ours (architecture §2).
    files: ['kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'child_process', 'os', 'net'], message: 'The kernel runs inside workflows: no Node built-ins.' },
          { group: ['@temporalio/*', '**/workflows/**', '**/domain/**', '**/api/**', '**/activities/**', '**/db/**', '**/integrations/**', '**/worker/**', '**/config/**', 'knex', 'pg', 'objection'], message: 'The kernel imports no layer of ours and no Temporal: both domain and workflows import it.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'The kernel does no I/O and keeps no timers.' }, { name: 'setInterval', message: 'The kernel does no I/O and keeps no timers.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Take the time as an argument: the kernel is deterministic.' }, { object: 'Math', property: 'random', message: 'The kernel is deterministic.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time as an argument: the kernel is deterministic.' }],
    },
  },
  {
    // Domain rules import the workflows' Temporal definitions (contract files) and the kernel, nothing
    // else of the workflows, and never the layers above them (architecture §2).
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: String.raw`(^|/)workflows(/(?!(.*/)?([^/]*\.)?contract$)|$)`, message: 'The domain imports only the workflows\' contract files (their signals, queries, names); shared types and pure evaluation live in kernel/.' },
          { group: ['**/api/**', '**/activities/**', '**/worker/**'], message: 'The domain sits below api, activities and worker: they import it, not the other way round.' },
        ],
      }],
    },
  },
  {
    // The API and the activities run outside the workflow sandbox: they take from workflows/ only the
    // contract files (names, signals, queries, updates, plain types); a workflow itself is imported as a
    // type, to start it by name (`client.workflow.start<typeof bulkSend>(COMMS_WORKFLOW.bulkSend, …)`).
    files: ['api/**/*.ts', 'activities/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: String.raw`(^|/)workflows(/(?!(.*/)?([^/]*\.)?contract$)|$)`,
          allowTypeImports: true,
          message: 'The API and the activities import only the workflows\' contract files at run time (start a workflow by its contract name, `import type` the workflow for its signature): no workflow code in their process.',
        }],
      }],
    },
  },
  {
    // The core (every file outside a vertical folder) does not know the verticals: it reads the module registry.
    files: ['**/*.ts'],
    ignores: [...NOT_BOUND, ...VERTICALS.map((v) => `**/${v}/**`)],
    rules: boundaries('The core never imports a vertical: declare it in the vertical\'s manifest and read the module registry (domain/modules/registry.ts); only the installed-modules lists import verticals.', VERTICALS),
  },
  ...VERTICALS.map((v) => ({
    // A vertical builds on the core only, never on another vertical.
    files: [`**/${v}/**/*.ts`],
    ignores: NOT_BOUND,
    rules: boundaries(`A vertical does not import another vertical (${v} → another): share through the core.`, VERTICALS.filter((o) => o !== v)),
  })),
  {
    // An adapter talks only to its vendor (or its simulation) and returns results; the domain stores them.
    files: ['integrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/db/**', '**/domain/**', '**/api/**', '**/activities/**', '**/worker/**', '**/workflows/**', 'knex', 'pg', 'objection'], message: 'Integrations talk only to their vendor and return results: the domain (or the activity that wires the port) stores them.' }],
      }],
    },
  },
  // ── UI import boundaries: the UI core never imports a vertical (architecture, "UI modules"). ──
  // Verticals register through ui/src/modules; ui/src/installed-modules.ts is the one core file that
  // names them (with ui/src/installed-locales.ts, for their locale files only). Single-file components
  // are parsed so this rule sees their <script> imports; no other
  // rule is turned on for them.
  {
    files: ['ui/src/**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] } },
    rules: Object.fromEntries(tseslint.configs.recommended.flatMap((config) => Object.keys(config.rules ?? {})).map((rule) => [rule, 'off'])),
  },
  {
    files: ['ui/src/**/*.ts', 'ui/src/**/*.vue'],
    ignores: ['ui/src/installed-modules.ts', 'ui/src/installed-locales.ts', `ui/src/{${UI_VERTICALS.join(',')}}/**`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: String.raw`^(@/|(\.\./)+)(${UI_VERTICALS.join('|')})(/|$)`,
          message: 'The UI core does not import a vertical: give what it needs through the module manifest (ui/src/modules/ui-module.ts), or move it to ui/src/shared.',
        }],
      }],
    },
  },
);
