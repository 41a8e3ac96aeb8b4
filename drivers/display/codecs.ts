// The two codecs behind the DisplayCodec interface: Onbon and a config-described framed codec.
import type { DisplayGeometry, DisplayLayout } from './content.js';
import { encode, parseFramedCodecSpec } from './framed.js';
import {
  brightnessData,
  decodeOnbonFrame,
  encodeOnbonFrame,
  layoutTextData,
  ONBON_HOST_ADDRESS,
  type OnbonCodecOptions,
} from './onbon.js';
import { splitOnbonFrames } from './onbon-parser.js';
import type { DisplayCodec } from './types.js';

export function onbonCodec(options: OnbonCodecOptions = {}): DisplayCodec {
  return {
    name: '仰邦 BX-5/BX-6',
    encodeLayout: (address: number, layout: DisplayLayout, geometry: DisplayGeometry) =>
      encodeOnbonFrame({ address, data: layoutTextData(layout, geometry, options) }),
    encodeBrightness: (address: number, level: number) => encodeOnbonFrame({ address, data: brightnessData(level) }),
    // The controller answers A0 00 (ACK) or A0 01 (NACK) to the PC's address. The manual's ACK
    // comes from 0xFFFE, not the controller's own address; we cannot tell which real controllers
    // use, so accept both (one exchange at a time on the line makes the answer ours either way).
    isReply: (address: number, received: Uint8Array) =>
      splitOnbonFrames(received).some((bytes) => {
        try {
          const frame = decodeOnbonFrame(bytes);
          const from = frame.source === address || frame.source >= 0xfffe;
          return frame.address === ONBON_HOST_ADDRESS && from && frame.group === 0xa0;
        } catch {
          return false;
        }
      }),
  };
}

/** A framed codec from a spec (validated here: config errors name the field). Write-only devices. */
export function framedCodec(spec: unknown): DisplayCodec {
  const parsed = parseFramedCodecSpec(spec);
  return {
    name: parsed.name,
    encodeLayout: (address: number, layout: DisplayLayout) => encode(parsed, address, layout.lines, layout.kind),
  };
}
