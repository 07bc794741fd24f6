import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const FRAMEWORK_IMPORTS = [
  'fastify',
  'fastify-*',
  '@fastify/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'better-sqlite3',
  'react',
  'react-*',
  'react/*',
  '@tanstack/*',
  'node:*',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'apps/api/drizzle/**',
      'coverage/**',
      'playwright-report/**',
      'test-results/**',
      'e2e/.artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The domain package is universal: schemas and pure rules only, no framework or Node APIs.
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FRAMEWORK_IMPORTS,
              message:
                'packages/domain must not import frameworks or Node APIs (see docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Services are becoming asynchronous (decision 0003): a promise used as a value (`if
    // (!findX())`) or left unawaited is a silent bug the compiler does not report.
    files: ['apps/api/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: false, checksSpreads: true, checksConditionals: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // A feature may import from src/lib, src/components and itself, never from another feature.
    files: ['apps/web/src/features/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // ../../<other-feature>/… or any path through features/
              regex: '^\\.\\./\\.\\./[^.]|(^|/)features/',
              message:
                'Features must not import each other; move shared code to src/lib or src/components.',
            },
          ],
        },
      ],
    },
  },
);
