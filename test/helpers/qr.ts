// Read the QR code a screen draws (an inline <svg>), the way a phone would: render it to pixels
// with resvg and decode with jsQR. Used to prove the kiosk's on-screen QR opens the ticket page.
import { Resvg } from '@resvg/resvg-js';
import jsQRModule from 'jsqr';

// jsqr's CommonJS export is the function itself (and also carries `.default`).
const jsQR = (jsQRModule).default;

export function readQrSvg(svg: string): string | undefined {
  // The element's markup lacks the namespace when taken from the DOM's outerHTML in some engines.
  const markup = svg.includes('xmlns=') ? svg : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  const image = new Resvg(markup, { fitTo: { mode: 'width', value: 400 }, background: '#ffffff' }).render();
  const found = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
  return found?.data;
}
