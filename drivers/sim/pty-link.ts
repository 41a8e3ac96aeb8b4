// A simulator's end of a socat pty, after a cut: socat leaves its links dangling, and the pts
// number they name is soon reused by another pty pair (another test running at the same time), so
// a simulator reopens only a link made anew — one whose identity changed.
import { lstatSync } from 'node:fs';

/** Inode and change time of the path itself (not what a link points to); '' when missing. */
export function pathIdentity(path: string): string {
  try {
    const st = lstatSync(path);
    return `${st.dev}:${st.ino}:${st.ctimeMs}`;
  } catch {
    return '';
  }
}
