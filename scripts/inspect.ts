/**
 * `npm run -s inspect -- FILE`: decodes one point-cloud file and prints one JSON line:
 * file, format, encoding, points (finite points kept), declaredPoints, fields, bounds (in the
 * file's own coordinates, metres), origin (the float64 rebase origin), attributes, warnings.
 * An unreadable file exits with code 1 and one line on stderr naming the file, byte and reason.
 */
import { readFileSync } from "node:fs";
import { computeBounds } from "../workers/decode/computeBounds";
import { decodePointCloudAsync } from "../workers/decode/decodePointCloudAsync";
import { PointCloudDecodeError } from "../workers/decode/PointCloudDecodeError";

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: npm run -s inspect -- FILE\n");
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    process.stderr.write(`${file}: cannot be read: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const result = await decodePointCloudAsync(bytes, file);
    const { cloud } = result;
    const relative = computeBounds(cloud.positions);
    const o = cloud.originM;
    // Rounded to the micrometre: float32 positions carry no more than that.
    const r = (v: number) => Math.round(v * 1e6) / 1e6;
    const world = (p: { x: number; y: number; z: number }) => ({
      x: r(p.x + o.x),
      y: r(p.y + o.y),
      z: r(p.z + o.z),
    });
    const line = {
      file,
      format: result.format,
      encoding: result.encoding,
      points: cloud.pointCount,
      declaredPoints: result.declaredPoints,
      fields: result.fields,
      bounds: { min: world(relative.min), max: world(relative.max) },
      origin: o,
      attributes: Object.fromEntries(
        Object.entries(cloud.attributes).map(([name, a]) => [
          name,
          { type: a.values.constructor.name, components: a.components },
        ]),
      ),
      warnings: result.warnings,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PointCloudDecodeError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`${file}: ${String(error).split("\n")[0]}\n`);
    return 1;
  }
}

process.exitCode = await main();
