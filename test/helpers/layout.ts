// Does a screen fit? In the page: every visible piece of text lies inside the viewport and is not
// covered by anything (sampled at its middle and near both ends with elementFromPoint, which also
// catches text clipped by a parent's overflow); while a modal dialog is open (aria-modal), only the
// text in the topmost one, as the page under it is covered by design. How far a flashing element
// fades. An init script, as the hub's CSP forbids eval.
import type { Page } from 'playwright-core';

export const LAYOUT_CHECK = `(() => {
  window.__layoutProblems = (ignore, scrolls) => {
    const W = innerWidth, H = innerHeight, out = [];
    const modal = [...document.querySelectorAll('[aria-modal="true"]')].pop();
    const walker = document.createTreeWalker(modal || document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || ignore.some((s) => el.closest(s))) continue;
      if (getComputedStyle(el).visibility !== 'visible') continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const label = JSON.stringify(text.slice(0, 24)) + ' at ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
        // A page that scrolls (a phone) may go on below the fold, never sideways.
        if (scrolls && r.left >= -1 && r.right <= W + 1 && r.bottom > H + 1) continue;
        if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) { out.push(label + ': outside the ' + W + '×' + H + ' viewport'); continue; }
        for (const fx of [0.5, 0.08, 0.92]) {
          const top = document.elementFromPoint(r.left + r.width * fx, r.top + r.height / 2);
          if (!top || (top !== el && !el.contains(top))) { out.push(label + ': covered by ' + (top ? top.tagName.toLowerCase() + '.' + top.className : 'nothing')); break; }
        }
      }
    }
    return out;
  };
  window.__lowestOpacity = (sel, span) => new Promise((resolve) => {
    const start = performance.now();
    let lowest = 1;
    const sample = () => {
      let o = 1;
      for (let e = document.querySelector(sel); e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      lowest = Math.min(lowest, o);
      if (performance.now() - start < span) requestAnimationFrame(sample); else resolve(lowest);
    };
    sample();
  });
})();`;

/** What does not fit, as sentences (empty when everything fits). `ignore`: selectors left out
 * (a visually hidden aria list, a marquee that scrolls off by design); `scrolls`: the page may
 * continue below the fold (a phone page), but nothing may leave it sideways. */
export function layoutProblems(page: Page, ignore: readonly string[] = [], options: { scrolls?: boolean } = {}): Promise<string[]> {
  return page.evaluate(
    ([sel, scrolls]) => (globalThis as unknown as { __layoutProblems(s: readonly string[], scrolls: boolean): string[] }).__layoutProblems(sel, scrolls),
    [ignore, options.scrolls ?? false] as const,
  );
}

/** The lowest opacity an element shows over `ms` (sampled every frame), through all its ancestors. */
export function lowestOpacity(page: Page, selector: string, ms: number): Promise<number> {
  return page.evaluate(([sel, span]) => (globalThis as unknown as { __lowestOpacity(s: string, ms: number): Promise<number> }).__lowestOpacity(sel, span), [selector, ms] as const);
}
