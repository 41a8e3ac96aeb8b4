// The hub opens the hall store (db/) — the only place it touches storage.
import { HallStore } from '../../db/store.js';
import type { Hall } from '../queue/index.js';
import type { HubStore } from './core.js';

export function openHubStore(path: string, hall: Hall): HubStore {
  return HallStore.open({ path, hall });
}
