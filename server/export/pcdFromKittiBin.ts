/** KITTI velodyne .bin (float32 x y z reflectance, little-endian) → PCD binary with fields x y z intensity. */
export function pcdFromKittiBin(bin: Uint8Array): Uint8Array {
  const points = Math.floor(bin.byteLength / 16);
  const header =
    "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS x y z intensity\nSIZE 4 4 4 4\nTYPE F F F F\n" +
    `COUNT 1 1 1 1\nWIDTH ${points}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${points}\nDATA binary\n`;
  const head = new TextEncoder().encode(header);
  const out = new Uint8Array(head.length + points * 16);
  out.set(head, 0);
  out.set(bin.subarray(0, points * 16), head.length);
  return out;
}
