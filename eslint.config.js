// One lint setup for the whole tree. The import rules keep the architecture honest:
// queue/ and protocol/ are pure and import nothing of ours but rules/ (the hall's shared rules and
// shapes, which import nothing at all); renderer/ never touches Node, drivers/ or db/; drivers/ knows
// nothing of hub or agent; hub never imports drivers; only db/ opens SQLite; the agent talks to the hub
// over Socket.IO, never through its code or its file.
// A file takes the last block that sets no-restricted-imports, so each block repeats `sqlite`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const ours = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}/**`, `**/${f}`]), message });
const sqlite = { group: ['better-sqlite3'], message: 'Only db/ opens SQLite: go through a db/ repository (db/hall-db.ts).' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'renderer/dist/**', 'test-artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  // Type-aware: a promise nobody awaits or a switch that forgets a case is an error, not a review comment.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { globals: { ...globals.node }, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
      // An async method that fulfils a Promise-returning interface reads better than Promise.resolve().
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
    },
  },
  {
    files: ['main/**'],
    rules: restrict([sqlite]),
  },
  {
    // The agent's own outbox file is opened by db/connection.ts (the same WAL and synchronous=FULL);
    // nothing else of db/ — the hall's repositories are the hub's.
    files: ['main/agent/**'],
    rules: restrict([
      sqlite,
      {
        group: ['**/hub/**', '**/hub', '**/electron/**', '**/electron', '**/db/*', '!**/db/connection.js'],
        message: 'The agent talks to the hub over Socket.IO: it never imports main/hub/, main/electron/ or the hall database (db/).',
      },
    ]),
  },
  {
    files: ['main/queue/**', 'main/protocol/**'],
    rules: restrict([
      sqlite,
      ours(['hub', 'agent', 'electron', 'drivers', 'db', 'renderer'], 'queue/ and protocol/ are pure: they import nothing of ours but main/rules.'),
      { group: nodeBuiltins, message: 'queue/ and protocol/ are pure: no Node built-ins (pass the clock and ids in).' },
    ]),
  },
  {
    files: ['main/queue/**'],
    rules: restrict([
      sqlite,
      ours(['hub', 'agent', 'electron', 'drivers', 'db', 'renderer', 'protocol'], 'queue/ is pure domain: it imports nothing of ours but main/rules.'),
      { group: nodeBuiltins, message: 'queue/ is pure: no Node built-ins (pass the clock and ids in).' },
    ]),
  },
  {
    // The hall's shared rules: the hub's engine, the wire schemas, the screens and the printer all use them.
    files: ['main/rules/**'],
    rules: restrict([
      sqlite,
      ours(
        ['queue', 'protocol', 'hub', 'agent', 'electron', 'config', 'demo', 'drivers', 'db', 'renderer'],
        'rules/ is shared by the hub, the screens and the drivers: it imports nothing of ours.',
      ),
      { group: nodeBuiltins, message: 'rules/ runs in the hub and in the browser: no Node built-ins.' },
    ]),
  },
  {
    files: ['renderer/**'],
    rules: restrict([
      sqlite,
      ours(['drivers', 'db', 'hub', 'agent', 'queue'], 'renderer/ imports only main/protocol, main/rules and its own code.'),
      {
        group: ['/electron', '/electron/*', '**/electron/*', '!**/electron/api.js'],
        message: 'renderer/ never loads Electron or the app shell: window.hallq (typed by main/electron/api.ts) is its only door.',
      },
      { group: ['**/electron/api.js'], allowTypeImports: true, message: 'renderer/ may import main/electron/api.ts as a type only.' },
      { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node built-ins.' },
    ]),
  },
  {
    files: ['drivers/**'],
    rules: restrict([sqlite, ours(['hub', 'agent', 'electron', 'renderer', 'db'], 'drivers/ knows nothing of the hub, the agent or the store.')]),
  },
  {
    files: ['main/hub/**'],
    rules: restrict([sqlite, ours(['drivers', 'agent', 'electron', 'renderer'], 'The hub never imports drivers: devices belong to agents.')]),
  },
  {
    files: ['scripts/**', 'test/**', 'bench/**', '**/cli.ts', 'main/demo/index.ts'],
    rules: { 'no-console': 'off' },
  },
  // Plain JS (scripts, bin, configs) is outside the TypeScript projects: no type-aware rules there.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
