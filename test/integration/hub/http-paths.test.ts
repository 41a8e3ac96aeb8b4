// Every HTTP path is hostile until read: a target with bad percent-encoding is a 400 with a Chinese
// message (not a 500 and an error in the log), and no random path makes the hub answer 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import { startTestHub } from '../../helpers/hub.js';

/** A raw request line, as a misbehaving client sends it (fetch would normalise the path). */
function get(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('bad percent-encoding is 400 with a Chinese message; random paths never answer 500 or log an error', async (t) => {
  const errors: string[] = [];
  const log = pino({ level: 'error' }, new Writable({ write: (chunk: Buffer, _e, done) => (errors.push(chunk.toString()), done()) }));
  const h = await startTestHub({ log });
  t.after(() => h.close());
  for (const path of ['/%zz', '/assets/%E0%A4%A', '/kiosk/%', '/api/%ff%zz', '/t/%zz?k=1']) {
    const r = await get(h.url, path);
    assert.equal(r.status, 400, path);
    const body = JSON.parse(r.body) as { code: string; message: string };
    assert.equal(body.code, 'bad-request');
    assert.match(body.message, /[\u4e00-\u9fff]/);
  }
  const safe = fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `/${encodeURI(s).replace(/%25/g, '%')}`);
  await fc.assert(
    fc.asyncProperty(fc.oneof(safe, fc.stringMatching(/^\/[A-Za-z0-9%._~!$&'()*+,;=:@/?-]{0,60}$/)), async (path) => {
      const r = await get(h.url, path);
      assert.ok(r.status < 500, `${path}: ${r.status} ${r.body.slice(0, 100)}`);
    }),
    { numRuns: 300 },
  );
  assert.deepEqual(errors, []);
});
