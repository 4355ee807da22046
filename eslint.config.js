// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.ferry/**',
      'test-results/**',
      'services/lib/generated/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // #15.1: a key that comes from a request must never reach Object.prototype. Keyed lookups
    // use a Map, Object.hasOwn, or local/records.ts setOwn; these forms are the ones to avoid.
    files: ['local/**/*.ts', 'services/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ForInStatement',
          message: 'for...in walks inherited keys too: iterate Object.keys/entries, or use a Map.',
        },
        {
          selector: "BinaryExpression[operator='in'][left.type!='Literal']",
          message:
            "`key in object` finds Object.prototype's members: use Object.hasOwn(object, key) or a Map.",
        },
      ],
    },
  },
);
