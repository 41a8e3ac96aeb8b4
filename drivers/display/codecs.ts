// The two codecs behind the DisplayCodec interface: Onbon and a config-described framed codec.
import type { DisplayGeometry, DisplayLayout } from './content.js';
import { encode, parseFramedCodecSpec, type FramedCodecSpec } from './framed.js';
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
    // The controller answers A0 00 (ACK) or A0 01 (NACK) to the PC's address, from its own.
    isReply: (address: number, received: Uint8Array) =>
      splitOnbonFrames(received).some((bytes) => {
        try {
          const frame = decodeOnbonFrame(bytes);
          return frame.address === ONBON_HOST_ADDRESS && frame.source === address && frame.group === 0xa0;
        } catch {
          return false;
        }
      }),
  };
}

/** A framed codec from a spec (validated here: config errors name the field). Write-only devices. */
export function framedCodec(spec: FramedCodecSpec | unknown): DisplayCodec {
  const parsed = parseFramedCodecSpec(spec);
  return {
    name: parsed.name,
    encodeLayout: (address: number, layout: DisplayLayout) => encode(parsed, address, layout.lines, layout.kind),
  };
}
