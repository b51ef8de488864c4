import type { ImageSizePx } from "../../core/formats/sustechLabels";
import { ImportError } from "./ImportError";

/**
 * Width and height from a PNG (IHDR) or JPEG (first SOF marker) header. Given the whole file, a
 * missing end marker (PNG IEND, JPEG EOI) is refused as a truncated image (give it the whole file).
 */
export function imageSizeFromHeader(bytes: Uint8Array, file: string): ImageSizePx {
  const size = sizeFromHeader(bytes, file);
  if (!(size.imageWidthPx > 0 && size.imageHeightPx > 0))
    throw new ImportError(file, `image header declares ${size.imageWidthPx}×${size.imageHeightPx} px`);
  if (!endsLikeImage(bytes))
    throw new ImportError(
      file,
      `truncated image: no end-of-image marker in its last 4096 bytes (byte ${bytes.length})`,
    );
  return size;
}

/** PNG: the IEND chunk; JPEG: the EOI marker FF D9 (some cameras append bytes after it). */
function endsLikeImage(bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 4096));
  if (bytes[0] === 0x89) return Buffer.from(tail).includes("IEND");
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}

function sizeFromHeader(bytes: Uint8Array, file: string): ImageSizePx {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return { imageWidthPx: dv.getUint32(16), imageHeightPx: dv.getUint32(20) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let o = 2;
    while (o + 9 < bytes.length) {
      if (bytes[o] !== 0xff) throw new ImportError(file, `corrupt JPEG: expected a marker at byte ${o}`);
      const marker = dv.getUint8(o + 1);
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
