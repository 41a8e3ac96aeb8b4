// The kiosk's on-screen keypad (no physical keyboard at a kiosk): digits, an optional X key (the
// last character of some ID numbers), delete and clear. The value shows above the keys, masked
// for PINs.
//
//   <Keypad value={v} onChange={setV} maxLength={6} withX={false} masked={false} label="预约码" />
import { t } from '../lib/i18n.js';

export interface KeypadProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly maxLength: number;
  readonly label: string;
  /** Offer an X key, accepted only as the last character (18th of an ID number). */
  readonly withX?: boolean;
  readonly masked?: boolean;
}

export function Keypad({ value, onChange, maxLength, label, withX = false, masked = false }: KeypadProps) {
  const press = (key: string) => {
    if (value.length >= maxLength) return;
    if (key === 'X' && value.length !== maxLength - 1) return;
    onChange(value + key);
  };
  const shown = masked ? '●'.repeat(value.length) : value;
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <div class="k-keypad" aria-label={label}>
      <output class="k-keypad-value" data-testid="keypad-value" data-length={value.length}>
        {shown || <span class="k-keypad-placeholder">{label}</span>}
      </output>
      <div class="k-keys">
        {keys.map((k) => (
          <button type="button" key={k} class="k-key" onClick={() => press(k)}>{k}</button>
        ))}
        {withX ? (
          <button type="button" class="k-key" disabled={value.length !== maxLength - 1} onClick={() => press('X')}>X</button>
        ) : (
          <button type="button" class="k-key k-key-fn" onClick={() => onChange('')}>{t('kiosk.clear')}</button>
        )}
        <button type="button" class="k-key" onClick={() => press('0')}>0</button>
        <button type="button" class="k-key k-key-fn" onClick={() => onChange(value.slice(0, -1))}>{t('kiosk.delete')}</button>
        {withX && (
          <button type="button" class="k-key k-key-fn k-key-wide" onClick={() => onChange('')}>{t('kiosk.clear')}</button>
        )}
      </div>
    </div>
  );
}
