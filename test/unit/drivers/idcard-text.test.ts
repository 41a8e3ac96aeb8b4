import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  IdCardTextError,
  decodeCardText,
  decodeReadData,
  encodeCardText,
  encodeReadData,
  validIdNumber,
} from '../../../drivers/idcard/card-text.js';
import { SAMPLE_CARDS, sampleIdNumber } from '../../../drivers/sim/idcard-cards.js';

/** A text block written field by field as a reader delivers it (UCS-2LE, space-padded). */
function block(fields: [string, number][]): Buffer {
  return Buffer.concat(fields.map(([v, w]) => Buffer.from(v.padEnd(w / 2, ' '), 'utf16le')));
}

const golden = block([
  ['张伟', 30],
  ['1', 2],
  ['01', 4],
  ['19900315', 16],
  ['北京市朝阳区建国路88号院3号楼2单元501室', 70],
  [sampleIdNumber('1990-03-15', '123'), 36],
  ['北京市公安局朝阳分局', 30],
  ['20200601', 16],
  ['20400601', 16],
  ['', 36],
]);

describe('居民身份证 text block', () => {
  test('a golden 256-byte block decodes to every field', () => {
    assert.equal(golden.length, 256);
    assert.deepEqual(decodeCardText(golden), {
      name: '张伟',
      gender: 'male',
      nationCode: '01',
      nation: '汉',
      birthDate: '1990-03-15',
      address: '北京市朝阳区建国路88号院3号楼2单元501室',
      idNumber: sampleIdNumber('1990-03-15', '123'),
      issuer: '北京市公安局朝阳分局',
      validFrom: '2020-06-01',
      validTo: '2040-06-01',
    });
    assert.deepEqual(encodeCardText(SAMPLE_CARDS.adult.text), golden);
  });

  test('长期 validity, a woman, another nation', () => {
    const text = { ...SAMPLE_CARDS.senior.text, nationCode: '05', nation: '维吾尔' };
    assert.deepEqual(decodeCardText(encodeCardText(text)), text);
    assert.equal(decodeCardText(encodeCardText(text)).validTo, null);
    assert.equal(text.gender, 'female');
  });

  test('the ID number check digit is GB 11643 (the standard sample 11010519491231002X)', () => {
    assert.equal(validIdNumber('11010519491231002X'), true);
    assert.equal(validIdNumber('110105194912310021'), false);
    assert.equal(validIdNumber('1101051949123100'), false);
  });

  test('another card type (港澳台居民居住证) is refused, not misread', () => {
    const { text, cardType } = SAMPLE_CARDS.otherType;
    assert.throws(() => decodeCardText(encodeCardText(text, cardType)), (e: unknown) => e instanceof IdCardTextError && e.reason === 'other-card-type');
  });

  test('a field that does not hold up is refused, naming the field and never its value', () => {
    const id = SAMPLE_CARDS.adult.text.idNumber;
    const cases: [Partial<typeof SAMPLE_CARDS.adult.text>, string][] = [
      [{ idNumber: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` }, 'idNumber'],
      [{ birthDate: '1990-03-16' }, 'idNumber'], // disagrees with the number
      [{ validTo: '2040-02-30' }, 'validTo'],
      [{ nationCode: '77' }, 'nation'],
      [{ name: '' }, 'name'],
    ];
    for (const [over, field] of cases) {
      const text = encodeCardText({ ...SAMPLE_CARDS.adult.text, ...over });
      assert.throws(
        () => decodeCardText(text),
        (e: unknown) => e instanceof IdCardTextError && e.field === field && !e.message.includes(id.slice(6, 14)),
        field,
      );
    }
    const garbled = Buffer.from(golden);
    garbled.writeUInt16LE(0x0033, 30); // gender '3'
    assert.throws(() => decodeCardText(garbled), /gender/);
  });

  test('a read reply: only the 256-byte text is decoded, the photo lengths must add up', () => {
    const data = encodeReadData(golden);
    assert.equal(data.length, 4 + 256 + 1024);
    assert.deepEqual(data.subarray(0, 4), Buffer.from([0x01, 0x00, 0x04, 0x00]));
    assert.equal(decodeReadData(data).name, '张伟');
    assert.throws(() => decodeReadData(data.subarray(0, 900)), IdCardTextError);
    assert.throws(() => decodeReadData(Buffer.alloc(2)), IdCardTextError);
  });
});
