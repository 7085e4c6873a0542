// Lint rules, including the import boundaries between environments (see STYLE.md):
// common/ imports nothing of ours; the renderer never reaches Electron or Node; only the
// composition root of main/ and the preload import `electron` at run time; only the SFU adapter
// imports mediasoup.
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' };
const electron = { name: 'electron', message: 'Only main/index.ts and the preload import Electron at run time.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'build/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['server/**', 'main/**', 'scripts/**', 'e2e/**', 'bench/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  { files: ['renderer/**', 'preload/**'], languageOptions: { globals: globals.browser } },
  { files: ['server/index.ts', 'scripts/**', 'bench/**', 'e2e/**'], rules: { 'no-console': 'off' } },
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', 'node:*', 'electron', 'vue', 'pinia'],
              message: 'common/ is environment-neutral and imports nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'mediasoup', message: 'The renderer uses mediasoup-client.' }],
          patterns: [
            nodeBuiltins,
            { group: ['**/server/**', '**/main/**', '**/preload/**'], message: 'The renderer shares only common/.' },
            {
              group: ['**/common/signaling'],
              allowTypeImports: true,
              message: 'Import constants from common/limits: common/signaling would bundle zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/components/**', 'renderer/pages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'mediasoup-client', message: 'Components reach media through composables.' }],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/conference/conference', '**/conference/signaling-client'],
              message: 'Components reach the call through useCall().',
            },
            { group: ['**/common/signaling'], allowTypeImports: true, message: 'Import constants from common/limits.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**'],
    ignores: ['server/media/mediasoup-sfu.ts', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'mediasoup', message: 'Only server/media/mediasoup-sfu.ts talks to mediasoup.' }, electron] },
      ],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ ...electron, allowTypeImports: true }] }],
    },
  },
);
