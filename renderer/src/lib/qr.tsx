// A QR code drawn as inline SVG (no canvas, no data URL, nothing fetched): one path of dark modules.
//
//   <QrCode text={statusUrl} size={240} label="手机扫码查看排队进度" />
import { create } from 'qrcode';
import { useMemo } from 'preact/hooks';

export function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) parts.push(`M${c} ${r}h1v1h-1z`);
  }
  return { size: modules.size, d: parts.join('') };
}

export function QrCode({ text, size = 240, label }: { text: string; size?: number; label: string }) {
  const { size: n, d } = useMemo(() => qrPath(text), [text]);
  // A 4-module quiet zone, as scanners expect.
  return (
    <svg class="qr" role="img" aria-label={label} data-qr={text} width={size} height={size} viewBox={`-4 -4 ${n + 8} ${n + 8}`} shape-rendering="crispEdges">
      <rect x={-4} y={-4} width={n + 8} height={n + 8} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
