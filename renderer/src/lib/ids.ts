// Request ids for commands (the hub applies a command once per requestId; reuse the id on retry).
//
//   requestId(): string   — a fresh UUID v4 (matches the protocol's /^[A-Za-z0-9_-]{8,64}$/)
//
// crypto.randomUUID exists only in secure contexts (https, localhost); a hall PC reaching the hub at
// http://192.168.x.x is not one, so fall back to getRandomValues, which works everywhere.

export function requestId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
