// Lint: typescript-eslint, React hooks, and the layer table of ARCHITECTURE.md
// as import restrictions, so a file cannot reach a runtime its folder does not run in.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Package names are matched exactly (`paths`); `x/*` entries become patterns for subpaths.
const node = ['node:*', ...builtinModules];
const ui = ['react', 'react-dom', 'react-dom/*', 'react-i18next', 'i18next', 'dexie', 'zustand', 'zustand/*'];
const hostPackages = ['ws'];

/** no-restricted-imports for one folder: forbidden packages and forbidden folders. */
function restrict(packages, folders, message) {
  const isPattern = (name) => name.includes('*');
  const wildcards = packages.filter(isPattern);
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.filter((name) => !isPattern(name)).map((name) => ({ name, message })),
        patterns: [
          ...(wildcards.length ? [{ group: wildcards, message }] : []),
          ...folders.map((folder) => ({ group: [`**/${folder}/**`, `**/${folder}`], message })),
        ],
      },
    ],
  };
}

const layers = [
  {
    files: ['common/**/*.ts'],
    rules: restrict(
      ['electron', ...node, ...ui, ...hostPackages],
      ['main', 'renderer', 'preload'],
      'common/ runs anywhere: only common/ and pure packages.',
    ),
  },
  {
    files: ['main/services/**/*.ts'],
    rules: restrict(
      ['electron', ...ui],
      ['renderer', 'preload', 'host', 'electron'],
      'main/services/ is plain Node: never electron, the host or the UI.',
    ),
  },
  {
    files: ['main/host/**/*.ts'],
    rules: restrict(
      ['electron', ...ui],
      ['renderer', 'preload', 'electron'],
      'main/host/ is plain Node: never electron or the UI.',
    ),
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: restrict(ui, ['renderer', 'preload'], 'main/electron/ must not import the UI.'),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict(
      [...node, ...ui, ...hostPackages, 'zod'],
      ['main', 'renderer'],
      'preload/ may import electron and common/ only (and stays small: no zod).',
    ),
  },
  // The renderer, and its one door per library: zustand in store/, dexie in db/, the host in bridge/, mermaid in diagram/.
  ...[
    [
      'renderer/**/*.{ts,tsx}',
      ['zustand', 'zustand/*', 'dexie', 'mermaid'],
      ['main', 'preload', 'bridge/ws-transport', 'bridge/ipc-transport'],
    ],
    ['renderer/store/**/*.{ts,tsx}', ['dexie'], ['main', 'preload', 'bridge/ws-transport', 'bridge/ipc-transport']],
    [
      'renderer/db/**/*.{ts,tsx}',
      ['zustand', 'zustand/*'],
      ['main', 'preload', 'bridge/ws-transport', 'bridge/ipc-transport'],
    ],
    ['renderer/bridge/**/*.{ts,tsx}', ['zustand', 'zustand/*', 'dexie'], ['main', 'preload']],
    [
      'renderer/diagram/**/*.{ts,tsx}',
      ['zustand', 'zustand/*', 'dexie'],
      ['main', 'preload', 'bridge/ws-transport', 'bridge/ipc-transport'],
    ],
  ].map(([files, packages, folders]) => ({
    files: [files],
    ignores:
      files === 'renderer/**/*.{ts,tsx}'
        ? ['renderer/store/**', 'renderer/db/**', 'renderer/bridge/**', 'renderer/diagram/**', '**/*.test.*']
        : ['**/*.test.*'],
    rules: restrict(
      ['electron', ...node, ...hostPackages, ...packages],
      folders,
      'renderer/: one door per library (store/ zustand, db/ dexie, bridge/ the host, diagram/ mermaid), never Node or electron.',
    ),
  })),
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.tsbuild/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Only the bridge touches the preload global and WebSocket.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/bridge/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'WebSocket', message: 'Only renderer/bridge/ talks to the host.' }],
    },
  },
  ...layers,
  // Loggers are where console output is allowed; tests, scripts and benches print freely.
  {
    files: ['renderer/log.ts', 'test/**', 'bench/**', 'scripts/**', '**/*.test.*'],
    rules: { 'no-console': 'off' },
  },
  // Tests index into results they just asserted on.
  {
    files: ['test/**', 'bench/**', '**/*.test.*'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
