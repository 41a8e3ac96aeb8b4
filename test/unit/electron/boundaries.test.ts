// The lint rules that keep the app shell where it belongs: the renderer reaches the app only through
// window.hallq (a type from main/electron/api.ts), and the pure queue and the hub never load Electron.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importRefusals as refusals } from '../../helpers/lint.js';

test('renderer/: the preload API as a type only; no Electron, no app shell code', async () => {
  const file = 'renderer/src/kiosk/status.ts';
  assert.deepEqual(await refusals(file, "import type { HallqPreloadApi } from '../../../main/electron/api.js';\nexport type A = HallqPreloadApi;"), []);
  assert.equal((await refusals(file, "import { IPC } from '../../../main/electron/api.js';\nconsole.error(IPC);")).length, 1);
  assert.equal((await refusals(file, "import { ipcRenderer } from 'electron';\nconsole.error(ipcRenderer);")).length, 1);
  assert.equal((await refusals(file, "import { startApp } from '../../../main/electron/main.js';\nconsole.error(startApp);")).length, 1);
  assert.equal((await refusals(file, "import { isAllowedNavigation } from '../../../main/electron/policy.js';\nconsole.error(isAllowedNavigation);")).length, 1);
});

test('queue/ and hub/ never import Electron or the app shell', async () => {
  for (const [file, spec] of [
    ['main/queue/x.ts', '../electron/policy.js'],
    ['main/queue/x.ts', 'electron'],
    ['main/protocol/x.ts', '../electron/api.js'],
    ['main/hub/x.ts', '../electron/main.js'],
    ['main/hub/x.ts', 'electron'],
  ] as const) {
    assert.ok((await refusals(file, `import * as m from '${spec}';\nconsole.error(m);`)).length > 0, `${file} → ${spec}`);
  }
});
