// Production ids for the engine (tests pass counting ones instead).
import { randomBytes, randomInt } from 'node:crypto';
import type { IdSource } from '../queue/index.js';

/** Time-ordered ids (base36 ms) + 40 random bits; 128-bit tokens; 6-digit codes. */
export function randomIds(): IdSource {
  return {
    id: () => `${Date.now().toString(36)}${randomBytes(5).toString('hex')}`,
    token: () => randomBytes(16).toString('base64url'),
    code: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
  };
}
