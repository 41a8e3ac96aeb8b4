// The booking form's checks, before anything is sent (the hub checks again): zh-CN messages.
//
//   validateBooking({ name, phone, idNumber }) → { name?, phone?, idNumber? }   (empty: all good)
//   idNumberValid('11010519491231002X') → true   (GB 11643: 18 characters, last is the checksum)

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberValid(id: string): boolean {
  const s = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return CHECK[sum % 11] === s[17];
}

export interface BookingForm {
  readonly name: string;
  readonly phone: string;
  readonly idNumber: string;
}
export type FormErrors = Partial<Record<keyof BookingForm, string>>;

export function validateBooking(f: BookingForm): FormErrors {
  const errors: { -readonly [K in keyof BookingForm]?: string } = {};
  const name = f.name.trim();
  if (!name) errors.name = '请填写姓名';
  else if ([...name].length > 20) errors.name = '姓名不能超过20个字';
  if (!f.phone.trim()) errors.phone = '请填写手机号码';
  else if (!/^1\d{10}$/.test(f.phone.trim())) errors.phone = '手机号码应为以1开头的11位数字';
  if (f.idNumber.trim() && !idNumberValid(f.idNumber)) errors.idNumber = '身份证号码格式不正确，请核对（18位，末位可为X）';
  return errors;
}
