// Chinese text → bytes for LED controllers. Their fonts are GB2312 (or GBK) bitmaps: a character
// outside the font prints as garbage or shifts every following character, so we refuse it with an
// error naming the character instead of sending it.
import iconv from 'iconv-lite';

export type DisplayTextEncoding = 'gb2312' | 'gbk' | 'gb18030' | 'ascii';

export class DisplayTextError extends Error {
  constructor(
    message: string,
    readonly character: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'DisplayTextError';
  }
}

// iconv-lite's "gb2312" is really CP936 (GBK): it encodes characters GB2312 lacks. Check the
// bytes ourselves: GB2312 is rows A1–A9 (symbols) and B0–F7 (hanzi), cells A1–FE.
function isGb2312Pair(lead: number, trail: number): boolean {
  return ((lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7)) && trail >= 0xa1 && trail <= 0xfe;
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return `'${ch}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Encode `text` for a display font, refusing any character the encoding cannot carry.
 * ASCII control characters are refused too: controllers read them as commands.
 */
export function encodeDisplayText(text: string, encoding: DisplayTextEncoding): Uint8Array {
  const out: number[] = [];
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) {
      throw new DisplayTextError(
        `显示屏文字含控制字符 ${describe(ch)}（第 ${index + 1} 个字符），请删除`,
        ch,
        index,
      );
    }
    if (cp < 0x80) {
      out.push(cp);
    } else {
      const bytes = encoding === 'ascii' ? Buffer.alloc(0) : iconv.encode(ch, encoding === 'gbk' ? 'cp936' : encoding);
      const ok =
        encoding === 'gb2312'
          ? bytes.length === 2 && isGb2312Pair(bytes[0]!, bytes[1]!)
          : bytes.length > 0 && !(bytes.length === 1 && bytes[0] === 0x3f) && bytes[0]! >= 0x80;
      if (!ok) {
        const name = encoding === 'ascii' ? 'ASCII' : encoding.toUpperCase();
        throw new DisplayTextError(
          `显示屏不支持字符 ${describe(ch)}（第 ${index + 1} 个字符，不在 ${name} 字库中），请改用常用汉字或全角符号`,
          ch,
          index,
        );
      }
      out.push(...bytes);
    }
    index++;
  }
  return Uint8Array.from(out);
}

/** Bytes back to text (the simulator's side). Never throws: unknown bytes become U+FFFD. */
export function decodeDisplayText(bytes: Uint8Array, encoding: DisplayTextEncoding): string {
  if (encoding === 'ascii') return Buffer.from(bytes).toString('latin1');
  return iconv.decode(Buffer.from(bytes), encoding === 'gbk' ? 'cp936' : encoding);
}
