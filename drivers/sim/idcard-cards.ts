import { validIdNumber, type IdCardText } from '../idcard/card-text.js';

/**
 * Made-up cards for the simulator, the demo and tests. The numbers are well formed (region 110105,
 * a real check digit) but belong to nobody; the names are invented.
 */

const CHECK = '10X98765432';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A well-formed ID number for a birth date (YYYY-MM-DD) and a 3-digit sequence. */
export function sampleIdNumber(birthDate: string, sequence = '123', region = '110105'): string {
  const first = `${region}${birthDate.replaceAll('-', '')}${sequence}`;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first[i]), 0);
  const id = `${first}${CHECK[sum % 11]}`;
  if (!validIdNumber(id)) throw new Error(`sampleIdNumber: ${birthDate}/${sequence} gives no valid number`);
  return id;
}

function card(name: string, birthDate: string, sequence: string, over: Partial<IdCardText> = {}): IdCardText {
  return {
    name,
    gender: Number(sequence) % 2 === 1 ? 'male' : 'female',
    nationCode: '01',
    nation: '汉',
    birthDate,
    address: '北京市朝阳区建国路88号院3号楼2单元501室',
    idNumber: sampleIdNumber(birthDate, sequence),
    issuer: '北京市公安局朝阳分局',
    validFrom: '2020-06-01',
    validTo: '2040-06-01',
    ...over,
  };
}

export interface SimCard {
  text: IdCardText;
  /** Another card type's letter in the reserved area ('I' 外国人永久居留证, 'J' 港澳台居民居住证). */
  cardType?: string;
}

export const SAMPLE_CARDS = {
  /** An adult of working age. */
  adult: { text: card('张伟', '1990-03-15', '123') },
  /** Over 60: gets priority where the hall says so. */
  senior: { text: card('李秀英', '1958-07-02', '246', { validFrom: '2015-01-10', validTo: null }) },
  /** Expired last year. */
  expired: { text: card('王磊', '1985-11-30', '357', { validFrom: '2005-01-01', validTo: '2025-01-01' }) },
  /** 港澳台居民居住证: another layout. */
  otherType: { text: card('陈嘉欣', '1995-05-05', '468'), cardType: 'J' },
} satisfies Record<string, SimCard>;

export type SampleCardName = keyof typeof SAMPLE_CARDS;
