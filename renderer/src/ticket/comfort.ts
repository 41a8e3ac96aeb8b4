// 适老化 on the visitor's phone: large text and high contrast, each remembered on this phone
// (localStorage), so a visitor who needs them sets them once. Storage may be unavailable (a
// private tab): the switch then works for this visit only.
import { useState } from 'preact/hooks';

function stored(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** A flag kept in localStorage under `key`, as state. */
export function useStoredFlag(key: string): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => stored(key));
  const set = (value: boolean) => {
    try {
      localStorage.setItem(key, value ? '1' : '0');
    } catch {
      // Not kept: still on for this visit.
    }
    setOn(value);
  };
  return [on, set];
}

export const LARGE_TEXT_KEY = 'hallq.ticket.largeText';
export const HIGH_CONTRAST_KEY = 'hallq.ticket.highContrast';
