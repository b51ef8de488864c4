/**
 * A point-cloud file that cannot be read. The message names the file, the byte offset where the
 * problem was found and the reason, e.g.
 * `lidar/000965.pcd: header declares POINTS 68000 but the data holds 67999 points (byte 1088211)`.
 */
export class PointCloudDecodeError extends Error {
  override readonly name = "PointCloudDecodeError";
  constructor(
    readonly file: string,
    readonly byteOffset: number,
    readonly reason: string,
  ) {
    super(`${file}: ${reason} (byte ${byteOffset})`);
  }
}
