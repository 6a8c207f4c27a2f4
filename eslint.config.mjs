import tseslint from 'typescript-eslint';

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
);
