import type { ImageSizePx } from "../../core/formats/sustechLabels";
import { ImportError } from "./ImportError";

/** Width and height from a PNG (IHDR) or JPEG (first SOF marker) header. */
export function imageSizeFromHeader(bytes: Uint8Array, file: string): ImageSizePx {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return { imageWidthPx: dv.getUint32(16), imageHeightPx: dv.getUint32(20) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let o = 2;
    while (o + 9 < bytes.length) {
      if (bytes[o] !== 0xff) throw new ImportError(file, `corrupt JPEG: expected a marker at byte ${o}`);
      const marker = bytes[o + 1]!;
      if (marker === 0xff) {
        o++;
        continue;
      }
      const len = dv.getUint16(o + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { imageHeightPx: dv.getUint16(o + 5), imageWidthPx: dv.getUint16(o + 7) };
      o += 2 + len;
    }
    throw new ImportError(file, "JPEG without a frame header (SOF)");
  }
  throw new ImportError(file, "not a PNG or JPEG image");
}

/** The file extension an image's bytes call for. */
export const imageExtension = (bytes: Uint8Array): "png" | "jpg" => (bytes[0] === 0x89 ? "png" : "jpg");
