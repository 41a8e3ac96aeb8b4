import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';
import { SerialTransport } from '../../../drivers/transport/serial.js';
import { IdCardReader, type IdCardReaderHealth } from '../../../drivers/idcard/reader.js';
import type { CardRefusal, IdCardText } from '../../../drivers/idcard/card-text.js';
import { IdCardSim } from '../../../drivers/sim/idcard-sim.js';
import { SAMPLE_CARDS } from '../../../drivers/sim/idcard-cards.js';
import { until } from './keypad-harness.js';

interface Rig {
  pty: PtyPair;
  sim: IdCardSim;
  reader: IdCardReader;
  transport: SerialTransport;
  cards: IdCardText[];
  refused: CardRefusal[];
  health: IdCardReaderHealth[];
  done(): Promise<void>;
}

async function rig(name: string): Promise<Rig> {
  const pty = await createPtyPair(name);
  const sim = new IdCardSim({ path: pty.device });
  await sim.open();
  const transport = new SerialTransport({ path: pty.host, baudRate: 115200, maxBackoffMs: 250 });
  const reader = new IdCardReader({ transport, pollIntervalMs: 20, replyTimeoutMs: 300 });
  const cards: IdCardText[] = [];
  const refused: CardRefusal[] = [];
  const health: IdCardReaderHealth[] = [];
  reader.on('card', (c) => cards.push(c));
  reader.on('refused', (r) => refused.push(r));
  reader.on('health', (h) => health.push(h));
  await reader.start();
  return {
    pty,
    sim,
    reader,
    transport,
    cards,
    refused,
    health,
    async done() {
      await reader.stop();
      await sim.close();
      await pty.close();
    },
  };
}

describe('居民身份证 reader on a pty', () => {
  test('a card placed is read once, whole; lifted and placed again it is read again', async () => {
    const r = await rig('idc-read');
    try {
      await until(() => r.reader.health().online && r.reader.health().samOk === true, 'reader online, SAM ok');
      r.sim.place('adult');
      await until(() => r.cards.length === 1, 'the card read');
      assert.deepEqual(r.cards[0], SAMPLE_CARDS.adult.text);
      // Left lying there for many more polls: still one reading.
      const finds = r.sim.counts.find;
      await until(() => r.sim.counts.find >= finds + 5, 'more polls');
      assert.equal(r.cards.length, 1);
      assert.equal(r.sim.reads, 1);
      r.sim.remove();
      await until(() => r.sim.counts.find >= finds + 8, 'polls with no card');
      r.sim.place('senior');
      await until(() => r.cards.length === 2, 'the second card read');
      assert.equal(r.cards[1]!.birthDate, '1958-07-02');
      assert.equal(r.cards[1]!.validTo, null);
    } finally {
      await r.done();
    }
  });

  test('another card type is refused, never read as a 居民身份证', async () => {
    const r = await rig('idc-other');
    try {
      r.sim.place('otherType');
      await until(() => r.refused.length === 1, 'refused');
      assert.deepEqual(r.refused, ['other-card-type']);
      assert.deepEqual(r.cards, []);
    } finally {
      await r.done();
    }
  });

  test('a card pulled mid-read gives no reading and the reader carries on', async () => {
    const r = await rig('idc-pull');
    try {
      await until(() => r.reader.health().online, 'online');
      r.sim.pullNextRead();
      r.sim.place('adult');
      await until(() => r.sim.counts.read === 1 && !r.sim.hasCard, 'the read cut off');
      const finds = r.sim.counts.find;
      await until(() => r.sim.counts.find >= finds + 3, 'polling again');
      assert.deepEqual(r.cards, []);
      r.sim.place('adult');
      await until(() => r.cards.length === 1, 'read on the next try');
      assert.deepEqual(r.cards[0], SAMPLE_CARDS.adult.text);
    } finally {
      await r.done();
    }
  });

  test('random bytes on the line produce no reading and no crash; a card after them still reads', async () => {
    const r = await rig('idc-noise');
    try {
      await until(() => r.reader.health().online, 'online');
      for (let i = 0; i < 20; i++) {
        const noise = randomBytes(200);
        // A preamble now and then, so the parser has candidates to judge.
        if (i % 3 === 0) Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]).copy(noise, 50);
        await r.sim.inject(noise);
      }
      const finds = r.sim.counts.find;
      await until(() => r.sim.counts.find >= finds + 5, 'polling through the noise');
      assert.deepEqual(r.cards, []);
      r.sim.place('adult');
      await until(() => r.cards.length === 1, 'read after the noise');
    } finally {
      await r.done();
    }
  });

  test('health: a failed SAM is reported; a reader that stops answering goes offline and comes back', async () => {
    const r = await rig('idc-health');
    try {
      await until(() => r.reader.health().samOk === true, 'SAM ok');
      r.sim.online = false;
      await until(() => !r.reader.health().online, 'offline');
      r.sim.samOk = false;
      r.sim.online = true;
      await until(() => r.reader.health().online && r.reader.health().samOk === false, 'back, SAM failed');
      assert.deepEqual(r.health.at(-1), { online: true, samOk: false });
    } finally {
      await r.done();
    }
  });

  test('the cable is pulled and put back: the reader reconnects by itself and reads again', async () => {
    const r = await rig('idc-cut');
    try {
      await until(() => r.reader.health().online, 'online');
      await r.pty.cut();
      await until(() => !r.reader.health().online, 'offline after the cut');
      await r.pty.restore();
      await until(() => r.reader.health().online && r.reader.health().samOk === true, () => `online again (transport ${r.transport.state}, sim open ${r.sim.isOpen}, finds ${r.sim.counts.find})`, 8000);
      r.sim.place('adult');
      await until(() => r.cards.length === 1, 'read after reconnect');
    } finally {
      await r.done();
    }
  });
});
