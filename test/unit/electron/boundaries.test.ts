// The lint rules that keep the app shell where it belongs: the renderer reaches the app only through
// window.hallq (a type from main/electron/api.ts), and the pure queue and the hub never load Electron;
// only db/ opens SQLite; the agent reaches the hub over Socket.IO only.
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

test('only db/ opens SQLite: main/, renderer/ and drivers/ go through db/, test/ and bench/ may open it', async () => {
  const value = "import Database from 'better-sqlite3';\nconsole.error(Database);";
  const typeOnly = "import type { Database } from 'better-sqlite3';\nexport type D = Database;";
  for (const file of ['main/hub/x.ts', 'main/agent/x.ts', 'main/queue/x.ts', 'main/protocol/x.ts', 'main/electron/x.ts', 'main/cli.ts', 'renderer/src/x.ts', 'drivers/printer/x.ts']) {
    assert.ok((await refusals(file, value)).length > 0, `${file} → better-sqlite3`);
  }
  // The raw Database type does not leave db/ either.
  assert.ok((await refusals('main/hub/x.ts', typeOnly)).length > 0, 'main/hub → type Database');
  for (const file of ['db/x.ts', 'test/integration/x.test.ts', 'bench/lib/x.ts']) assert.deepEqual(await refusals(file, value), [], file);
  // The hub still reaches its storage through db/'s repositories.
  assert.deepEqual(await refusals('main/hub/x.ts', "import { openHallDb } from '../../db/hall-db.js';\nconsole.error(openHallDb);"), []);
});

test('the agent talks to the hub over Socket.IO: never its code, the app shell or the hall database', async () => {
  const file = 'main/agent/x.ts';
  for (const spec of ['../hub/core.js', '../hub/roles/agent.js', '../electron/main.js', 'electron', '../../db/hall-db.js', '../../db/access.js']) {
    assert.ok((await refusals(file, `import * as m from '${spec}';\nconsole.error(m);`)).length > 0, `${file} → ${spec}`);
  }
  // Its own outbox file is opened the way db/ opens every file (WAL, synchronous=FULL); the wire
  // contract and the device drivers are its to use.
  for (const spec of ['../../db/connection.js', '../protocol/index.js', '../../drivers/printer/index.js', 'socket.io-client']) {
    assert.deepEqual(await refusals(file, `import * as m from '${spec}';\nconsole.error(m);`), [], `${file} → ${spec}`);
  }
});
