import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TypedEmitter } from '../../../drivers/kit/typed-emitter.js';

interface DoorEvents {
  opened: (by: string, at: number) => void;
  closed: () => void;
}

class Door extends TypedEmitter<DoorEvents> {}

test('a typed emitter delivers each event to its listeners with its arguments, once() only once', () => {
  const door = new Door();
  const seen: string[] = [];
  const onOpened = (by: string, at: number) => seen.push(`${by}@${at}`);
  door.on('opened', onOpened);
  door.once('closed', () => seen.push('closed'));
  door.emit('opened', '张三', 1);
  door.emit('closed');
  door.emit('closed');
  door.off('opened', onOpened);
  door.emit('opened', '李四', 2);
  assert.deepEqual(seen, ['张三@1', 'closed']);
});

test('a typed emitter refuses, at compile time, an unknown event or a wrong payload', () => {
  const door = new Door();
  // @ts-expect-error 'slammed' is not one of the door's events
  door.on('slammed', () => undefined);
  // @ts-expect-error 'opened' takes (by: string, at: number)
  door.emit('opened', 3);
  // @ts-expect-error the listener must take the event's arguments
  door.on('opened', (by: number) => by);
  assert.equal(door.listenerCount('slammed'), 1);
});
