// Lint: ESLint's recommended rules and typescript-eslint's, over the whole repository.
// Type checking itself is `tsc --noEmit` (npm run lint runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next*/**',
      '.data/**',
      'prisma/generated/**',
      'schemas/generated/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      '.*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Config files and scripts written in plain JavaScript run in Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
