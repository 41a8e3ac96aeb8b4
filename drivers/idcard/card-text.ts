/**
 * The 256-byte text block of a 居民身份证 read: UCS-2 little-endian, space-padded, fixed fields.
 * Decoding checks everything it can (the ID number's check digit, dates, the birth date against
 * the number): a block that does not hold up is refused, never half-read. The 1024-byte photo that
 * follows it in a read reply (WLT, encrypted) is never looked at.
 */

export const TEXT_LENGTH = 256;
export const PHOTO_LENGTH = 1024;

/** Field widths in bytes, in order (HARDWARE.md, "Identity devices at the kiosk"). */
const FIELDS = [
  ['name', 30],
  ['gender', 2],
  ['nation', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuer', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
] as const;
type FieldName = (typeof FIELDS)[number][0];

/** GB/T 3304 民族 codes. */
export const NATIONS: readonly string[] = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克',
  '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
];

export type Gender = 'male' | 'female';

/** What a resident ID card says (the photo is not part of it). */
export interface IdCardText {
  name: string;
  gender: Gender;
  /** Two-digit code as on the card, '01' … '56'. */
  nationCode: string;
  /** '汉', '蒙古' … */
  nation: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
  /** 18 characters, the last may be X. */
  idNumber: string;
  issuer: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, or null for 长期 (no end). */
  validTo: string | null;
}

export type CardRefusal =
  /** 外国人永久居留证, 港澳台居民居住证 …: another layout, not misread as a 居民身份证. */
  | 'other-card-type'
  /** A field that does not hold up (a corrupted or half read). */
  | 'bad-text';

export class IdCardTextError extends Error {
  constructor(
    readonly reason: CardRefusal,
    /** Which field, never its value. */
    readonly field?: FieldName,
  ) {
    super(reason === 'other-card-type' ? 'not a 居民身份证 (another card type)' : `card text field ${field ?? '?'} does not hold up`);
    this.name = 'IdCardTextError';
  }
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: the 18th character is the ISO 7064 MOD 11-2 check of the first 17 digits. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** 'YYYYMMDD' as 'YYYY-MM-DD' when it is a real calendar day. */
function day(text: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function fields(text: Buffer): Record<FieldName, string> {
  const out = {} as Record<FieldName, string>;
  let at = 0;
  for (const [name, width] of FIELDS) {
    out[name] = text.toString('utf16le', at, at + width).replace(/[\s\p{Cc}]+$/u, '');
    at += width;
  }
  return out;
}

/** Decode the 256-byte text block; throws IdCardTextError (naming a field, never a value). */
export function decodeCardText(text: Buffer): IdCardText {
  if (text.length !== TEXT_LENGTH) throw new IdCardTextError('bad-text');
  // Other card types carry a type letter ('I', 'J', 'Y' …) at byte 248, in the reserved area.
  const type = text.readUInt16LE(248);
  if (type !== 0x0020 && type !== 0x0000) throw new IdCardTextError('other-card-type');
  const f = fields(text);
  if (!f.name || /\p{Cc}/u.test(f.name)) throw new IdCardTextError('bad-text', 'name');
  const gender = f.gender === '1' ? 'male' : f.gender === '2' ? 'female' : undefined;
  if (!gender) throw new IdCardTextError('bad-text', 'gender');
  const nation = /^\d{2}$/.test(f.nation) ? NATIONS[Number(f.nation) - 1] : undefined;
  if (!nation) throw new IdCardTextError('bad-text', 'nation');
  const birthDate = day(f.birthDate);
  if (!birthDate) throw new IdCardTextError('bad-text', 'birthDate');
  if (!validIdNumber(f.idNumber) || f.idNumber.slice(6, 14) !== f.birthDate) throw new IdCardTextError('bad-text', 'idNumber');
  if (!f.issuer) throw new IdCardTextError('bad-text', 'issuer');
  const validFrom = day(f.validFrom);
  if (!validFrom) throw new IdCardTextError('bad-text', 'validFrom');
  const validTo = f.validTo === '长期' ? null : day(f.validTo);
  if (validTo === undefined) throw new IdCardTextError('bad-text', 'validTo');
  return { name: f.name, gender, nationCode: f.nation, nation, birthDate, address: f.address, idNumber: f.idNumber, issuer: f.issuer, validFrom, validTo };
}

/** The text block a card holds (for the simulator and golden tests). `cardType` puts another type's letter at byte 248. */
export function encodeCardText(card: IdCardText, cardType?: string): Buffer {
  const values: Record<FieldName, string> = {
    name: card.name,
    gender: card.gender === 'male' ? '1' : '2',
    nation: card.nationCode,
    birthDate: card.birthDate.replaceAll('-', ''),
    address: card.address,
    idNumber: card.idNumber,
    issuer: card.issuer,
    validFrom: card.validFrom.replaceAll('-', ''),
    validTo: card.validTo === null ? '长期' : card.validTo.replaceAll('-', ''),
    reserved: cardType === undefined ? '' : `${' '.repeat(14)}${cardType}`,
  };
  const out = Buffer.alloc(TEXT_LENGTH, 0);
  let at = 0;
  for (const [name, width] of FIELDS) {
    const bytes = Buffer.from(values[name].padEnd(width / 2, ' '), 'utf16le');
    if (bytes.length > width) throw new RangeError(`card field ${name} is longer than ${width / 2} characters`);
    bytes.copy(out, at);
    at += width;
  }
  return out;
}

/** A read reply's data: text length · photo length · text · photo. Only the text is decoded. */
export function decodeReadData(data: Buffer): IdCardText {
  if (data.length < 4) throw new IdCardTextError('bad-text');
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  // The length words must account for the data exactly (a trailing fingerprint block is allowed).
  if (textLength !== TEXT_LENGTH || data.length < 4 + textLength + photoLength) throw new IdCardTextError('bad-text');
  return decodeCardText(data.subarray(4, 4 + TEXT_LENGTH));
}

/** A read reply's data as a reader sends it; the photo is opaque filler (the simulator's). */
export function encodeReadData(text: Buffer, photo: Buffer = Buffer.alloc(PHOTO_LENGTH, 0x57)): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(text.length, 0);
  head.writeUInt16BE(photo.length, 2);
  return Buffer.concat([head, text, photo]);
}
