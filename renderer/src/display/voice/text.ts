// What the hall hears for a call: the template filled in, ticket letters kept and its digits read
// one by one ("A012" → "A零一二"), the window read as a number (12 → "十二", 105 → "一百零五").
// Also the same announcement as a list of clip names, for the clip engine. Pure: no DOM.

export const DEFAULT_TEMPLATE = '请{number}号到{window}号窗口办理';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Ticket number as read aloud: letters as they are (upper case), each digit by itself. */
export function readTicket(ticketNumber: string): string {
  return [...ticketNumber.toUpperCase()].map((c) => (c >= '0' && c <= '9' ? DIGITS[Number(c)] : c)).join('');
}

/** A whole number 0–999 as Chinese reads it: 3 三, 10 十, 12 十二, 20 二十, 105 一百零五, 110 一百一十. */
export function readNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`window number ${n}: expected 0–999`);
  if (n < 10) return DIGITS[n]!;
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  if (hundreds === 0) return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
  let s = `${DIGITS[hundreds]}百`;
  if (tens) s += `${DIGITS[tens]}十`;
  else if (ones) s += '零';
  if (ones) s += DIGITS[ones];
  return s;
}

export function announcementText(template: string, ticketNumber: string, windowNo: number): string {
  return template.replaceAll('{number}', readTicket(ticketNumber)).replaceAll('{window}', readNumber(windowNo));
}

/** Clip names (files /voice/<name>.wav) for the words a clip set has; see scripts/make-voice-clips.sh. */
const WORD_CLIPS: readonly (readonly [string, string])[] = [
  ['窗口', 'chuangkou'],
  ['办理', 'banli'],
  ['请', 'qing'],
  ['号', 'hao'],
  ['到', 'dao'],
  ['十', 'shi'],
  ['百', 'bai'],
];

/** An announcement's text as clips: words, digits 零–九 (0–9), letters A–Z. Characters without a
 * clip (a template word the set lacks, punctuation, spaces) are left out and returned in `missing`. */
export function textToClips(text: string): { clips: string[]; missing: string[] } {
  const clips: string[] = [];
  const missing: string[] = [];
  let i = 0;
  while (i < text.length) {
    const word = WORD_CLIPS.find(([w]) => text.startsWith(w, i));
    if (word) {
      clips.push(word[1]);
      i += word[0].length;
      continue;
    }
    const c = text[i]!;
    const digit = DIGITS.indexOf(c as (typeof DIGITS)[number]);
    if (digit >= 0) clips.push(String(digit));
    else if (/^[A-Z]$/.test(c)) clips.push(c);
    else if (!/\s/.test(c)) missing.push(c);
    i += 1;
  }
  return { clips, missing };
}

export const CHIME_CLIP = 'chime';
