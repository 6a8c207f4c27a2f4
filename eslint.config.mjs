import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

/** The UI's vertical folders (ui/src/<key>/): only installed-modules.ts may import them from the core. */
const UI_VERTICALS = ['events', 'audits', 'certifications', 'docs', 'telecom', 'fieldservice', 'psa', 'rmm', 'school'];

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
          { group: ['**/api/**', '**/worker/**'], message: 'The domain sits below api and worker: they import it, not the other way round.' },
        ],
      }],
    },
  },
  // ── UI import boundaries: the UI core never imports a vertical (architecture, "UI modules"). ──
  // Verticals register through ui/src/modules; ui/src/installed-modules.ts is the one core file that
  // names them. Single-file components are parsed so this rule sees their <script> imports; no other
  // rule is turned on for them.
  {
    files: ['ui/src/**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] } },
    rules: Object.fromEntries(tseslint.configs.recommended.flatMap((config) => Object.keys(config.rules ?? {})).map((rule) => [rule, 'off'])),
  },
  {
    files: ['ui/src/**/*.ts', 'ui/src/**/*.vue'],
    ignores: ['ui/src/installed-modules.ts', `ui/src/{${UI_VERTICALS.join(',')}}/**`],
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
