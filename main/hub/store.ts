// The hub opens the hall store (db/) — the only place it touches storage.
import { HallStore } from '../../db/store.js';
import type { Hall } from '../queue/index.js';
import type { HubStore } from './core.js';

/** `now` (the hub's clock) dates a fresh store's first hall day. */
export function openHubStore(path: string, hall: Hall, now: number): HubStore {
  return HallStore.open({ path, hall, now });
}
