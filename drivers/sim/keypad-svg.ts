// SVG pictures of simulated keypads for the demo hall and test artifacts: what the device shows
// and which key was pressed last. Pure: state in, markup out.
import { Resvg } from '@resvg/resvg-js';
import { CALLER_KEY_LABELS, CALLER_KEYS, RATING_LABELS, type RatingLevel } from '../keypad/types.js';
import type { SimKeypadState } from './keypad-sim.js';

const FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei',sans-serif\"";

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 评价器: a screen line over five rating keys, 非常满意 on the left as on most hall devices. */
export function evaluationKeypadSvg(state: SimKeypadState): string {
  const lastLevel = state.last?.kind === 'rating' ? state.last.level : undefined;
  const prompting = state.screen.mode === 'prompt';
  const levels: RatingLevel[] = [5, 4, 3, 2, 1];
  const colours: Record<RatingLevel, string> = { 5: '#1a7f37', 4: '#4c9a2a', 3: '#b08800', 2: '#d1661f', 1: '#cf222e' };
  const keys = levels
    .map((level, i) => {
      const x = 20 + i * 92;
      const pressed = level === lastLevel;
      return (
        `<g data-rating="${level}"><rect x="${x}" y="120" width="84" height="64" rx="10" fill="${colours[level]}"` +
        ` opacity="${prompting || pressed ? 1 : 0.45}" stroke="${pressed ? '#0969da' : 'none'}" stroke-width="4"/>` +
        `<text x="${x + 42}" y="158" text-anchor="middle" font-size="15" fill="#fff" ${FONT}>${esc(RATING_LABELS[level])}</text></g>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="500" height="210" viewBox="0 0 500 210">` +
    `<rect width="500" height="210" rx="16" fill="#eaeef2"/>` +
    `<rect x="20" y="16" width="460" height="88" rx="8" fill="#0d1117"/>` +
    `<text x="250" y="68" text-anchor="middle" font-size="24" fill="#58a6ff" ${FONT} data-screen="${state.screen.mode}">${esc(state.screen.text)}</text>` +
    keys +
    `<text x="480" y="204" text-anchor="end" font-size="10" fill="#57606a">评价器 #${state.address}${state.online ? '' : ' (离线)'}</text>` +
    `</svg>`
  );
}

/** 呼叫器: the number now served on its digits over its keys. */
export function callerKeypadSvg(state: SimKeypadState): string {
  const lastKey = state.last?.kind === 'key' ? state.last.key : undefined;
  const keys = CALLER_KEYS.map((key, i) => {
    const x = 16 + (i % 4) * 72;
    const y = 90 + Math.floor(i / 4) * 52;
    const pressed = key === lastKey;
    return (
      `<g data-key="${key}"><rect x="${x}" y="${y}" width="64" height="42" rx="8" fill="${pressed ? '#0969da' : '#d0d7de'}"/>` +
      `<text x="${x + 32}" y="${y + 27}" text-anchor="middle" font-size="14" fill="${pressed ? '#fff' : '#24292f'}" ${FONT}>${esc(CALLER_KEY_LABELS[key])}</text></g>`
    );
  }).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="210" viewBox="0 0 320 210">` +
    `<rect width="320" height="210" rx="16" fill="#eaeef2"/>` +
    `<rect x="16" y="16" width="288" height="60" rx="6" fill="#200"/>` +
    `<text x="160" y="60" text-anchor="middle" font-size="36" fill="#ff3b30" font-family="monospace" data-number="${esc(state.number ?? '')}">${esc(state.number ?? '----')}</text>` +
    keys +
    `<text x="304" y="204" text-anchor="end" font-size="10" fill="#57606a" ${FONT}>呼叫器 #${state.address}${state.online ? '' : ' (离线)'}</text>` +
    `</svg>`
  );
}

/** A keypad picture as PNG (system CJK fonts), for the demo hall and test artifacts. */
export function keypadSvgToPng(svg: string, scale = 1): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
  });
  return Buffer.from(resvg.render().asPng());
}
