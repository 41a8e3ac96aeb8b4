// One lint setup for the whole tree. The import rules keep the architecture honest:
// queue/ and protocol/ are pure and import nothing of ours but rules/ (the hall's shared rules and
// shapes, which import nothing at all); renderer/ never touches Node, drivers/ or db/; drivers/ knows
// nothing of hub or agent; hub never imports drivers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const ours = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}/**`, `**/${f}`]), message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'renderer/dist/**', 'test-artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['main/queue/**', 'main/protocol/**'],
    rules: restrict([
      ours(['hub', 'agent', 'electron', 'drivers', 'db', 'renderer'], 'queue/ and protocol/ are pure: they import nothing of ours but main/rules.'),
      { group: nodeBuiltins, message: 'queue/ and protocol/ are pure: no Node built-ins (pass the clock and ids in).' },
    ]),
  },
  {
    files: ['main/queue/**'],
    rules: restrict([
      ours(['hub', 'agent', 'electron', 'drivers', 'db', 'renderer', 'protocol'], 'queue/ is pure domain: it imports nothing of ours but main/rules.'),
      { group: nodeBuiltins, message: 'queue/ is pure: no Node built-ins (pass the clock and ids in).' },
    ]),
  },
  {
    // The hall's shared rules: the hub's engine, the wire schemas, the screens and the printer all use them.
    files: ['main/rules/**'],
    rules: restrict([
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
    rules: restrict([ours(['hub', 'agent', 'electron', 'renderer', 'db'], 'drivers/ knows nothing of the hub, the agent or the store.')]),
  },
  {
    files: ['main/hub/**'],
    rules: restrict([ours(['drivers', 'agent', 'electron', 'renderer'], 'The hub never imports drivers: devices belong to agents.')]),
  },
  {
    files: ['scripts/**', 'test/**', 'bench/**', '**/cli.ts', 'main/demo/index.ts'],
    rules: { 'no-console': 'off' },
  },
);
