import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Which folder may import which (ARCHITECTURE.md): a layer never reaches into another. */
const layers = [
  { files: ['src/shared/**'], forbid: ['**/core/**', '**/transport/**', '**/ui/**', '**/office/**', '**/cli/**', '**/drivers/**', 'node:*', 'react', 'react-dom', 'electron', 'better-sqlite3'] },
  { files: ['src/core/**'], forbid: ['**/transport/**', '**/ui/**', '**/cli/**', '**/drivers/**', 'electron', 'react', 'react-dom'] },
  { files: ['src/ui/**'], forbid: ['**/core/**', '**/transport/**', '**/cli/**', '**/drivers/**', 'node:*', 'electron', 'better-sqlite3'] },
  { files: ['src/transport/**'], forbid: ['**/ui/**', '**/cli/**', '**/drivers/**', 'react', 'react-dom'] },
  { files: ['drivers/**'], forbid: ['**/src/core/!(ports)/**', '**/src/core/*.js', '**/src/transport/**', '**/src/ui/**', '**/src/cli/**', 'electron', 'react'] },
  { files: ['src/compose/**'], forbid: ['**/ui/**', '**/cli/**', '**/transport/**', 'react', 'electron'] },
  { files: ['electron/**'], forbid: ['**/src/core/**', '**/src/ui/**', '**/src/cli/**', '**/drivers/**', 'react'] },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  ...layers.map(({ files, forbid }) => ({
    files,
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: forbid.map((group) => ({ group: [group], message: 'crosses a layer boundary (see ARCHITECTURE.md)' })) }] },
  })),
);
