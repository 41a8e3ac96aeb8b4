import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { callerKeypadSvg, evaluationKeypadSvg, keypadSvgToPng } from '../../../drivers/sim/keypad-svg.js';
import type { SimKeypadState } from '../../../drivers/sim/keypad-sim.js';
import { freshKeypad } from '../../../drivers/sim/keypad-sim-base.js';

const state = (over: Partial<SimKeypadState>): SimKeypadState => ({ ...freshKeypad(1, 'evaluation'), ...over });

describe('keypad pictures for the demo hall', () => {
  test('the evaluation keypad shows its prompt and the five levels, the pressed one marked', () => {
    const svg = evaluationKeypadSvg(state({ screen: { mode: 'prompt', text: '请您对本次服务评价' }, last: { kind: 'rating', level: 4 } }));
    assert.match(svg, /data-screen="prompt">请您对本次服务评价</);
    const labels = [...svg.matchAll(/data-rating="(\d)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(labels, [5, 4, 3, 2, 1]);
    assert.match(svg, /data-rating="4"><rect[^>]*stroke="#0969da"/);
    const png = keypadSvgToPng(svg);
    assert.equal(png.readUInt32BE(16), 500); // IHDR width
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/keypad-evaluation.png', png);
  });

  test('the caller keypad shows the number served; text is escaped', () => {
    const svg = callerKeypadSvg(state({ kind: 'caller', number: 'A<01>', last: { kind: 'key', key: 'next' } }));
    assert.match(svg, /data-number="A&#60;01&#62;"/);
    assert.match(svg, /呼叫/);
    writeFileSync('test-artifacts/keypad-caller.png', keypadSvgToPng(svg));
  });
});
