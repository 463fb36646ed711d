// Lint: typescript-eslint's recommended rules, plus the kit's own rules for health data.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.toolchain/', 'storybook-static/', 'coverage/', '.data/', 'custom-elements.json', 'examples/**/dist/', 'examples/**/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Health data must never reach logs, raw HTML or browser storage by accident.
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': ['error', { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'Never render raw HTML: Lit escapes everything.' }, { name: 'zod', message: 'Browser code uses zod/mini.' }] }],
      'no-restricted-properties': ['error',
        { object: 'localStorage', message: 'No patient data in browser storage.' },
        { object: 'sessionStorage', message: 'No patient data in browser storage.' },
      ],
      'no-restricted-syntax': ['error', { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Never assign innerHTML.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['lit', 'lit/*', '@lit/*'], message: 'src/core never imports Lit.' }, { group: ['**/server/**', '**/components/**'], message: 'core imports neither server nor components.' }], paths: [{ name: 'zod', message: 'Browser code uses zod/mini.' }] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'scripts/**/*.ts', 'bench/**/*.ts', '*.mjs', '*.js'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off' },
  },
);
