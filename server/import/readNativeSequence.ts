import { boxLabelOf } from "../../core/formats/BoxLabel";
import { nativeSequenceManifestSchema } from "../../core/model/NativeSequenceManifest";
import { ImportError } from "./ImportError";
import type { ParsedSequence } from "./ParsedSequence";
import type { SourceFolder } from "./sourceFolder";

const MANIFEST = "sequence.json";

/** The point-cloud format name the decoders use, from a file name. */
export function lidarFormatOf(path: string): string {
  const p = path.toLowerCase();
  if (p.endsWith(".pcd.bin")) return "nuscenes-bin";
  for (const [ext, format] of [
    [".pcd", "pcd"],
    [".bin", "kitti-bin"],
    [".ply", "ply"],
    [".las", "las"],
    [".laz", "laz"],
  ] as const)
    if (p.endsWith(ext)) return format;
  throw new ImportError(
    path,
    "unknown point-cloud format (expected .pcd, .bin, .pcd.bin, .ply, .las or .laz)",
  );
}

/** A manifest path must be relative and stay inside the folder. */
function checkPath(path: string, where: string): void {
  const parts = path.split(/[\\/]/);
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || parts.includes(".."))
    throw new ImportError(MANIFEST, `${where}: path "${path}" leaves the sequence folder`);
}

/** The project's own layout (core/model/NativeSequenceManifest.ts). */
export async function readNativeSequence(src: SourceFolder, name?: string): Promise<ParsedSequence> {
  let json: unknown;
  try {
    json = JSON.parse(await src.readText(MANIFEST));
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(MANIFEST, `not valid JSON (${(e as Error).message})`);
  }
  const parsed = nativeSequenceManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(
      MANIFEST,
      `at ${issue?.path.map(String).join(".") || "top level"}: ${issue?.message ?? parsed.error.message}`,
    );
  }
  const m = parsed.data;
  const frameIndex = new Map<string, number>();
  for (const [i, f] of m.frames.entries()) {
    if (frameIndex.has(f.name))
      throw new ImportError(MANIFEST, `frames[${i}]: frame name ${f.name} appears twice`);
    frameIndex.set(f.name, i);
    checkPath(f.lidarPath, `frames[${i}].lidarPath`);
    if (!(await src.exists(f.lidarPath)))
      throw new ImportError(f.lidarPath, `missing (frames[${i}] of ${MANIFEST} names it)`);
    for (const [cam, p] of Object.entries(f.imagePaths)) {
      checkPath(p, `frames[${i}].imagePaths.${cam}`);
      if (!m.cameras.some((c) => c.name === cam))
        throw new ImportError(
          MANIFEST,
          `frames[${i}].imagePaths names camera ${cam}, which is not in cameras`,
        );
      if (!(await src.exists(p))) throw new ImportError(p, `missing (frames[${i}] of ${MANIFEST} names it)`);
    }
  }
  const trackIds = new Set(m.tracks.map((t) => t.trackId));
  const boxes = m.cuboids.map((c, i) => {
    const index = frameIndex.get(c.frameName);
    if (index === undefined)
      throw new ImportError(
        MANIFEST,
        `cuboids[${i}] references frame ${c.frameName}, which is not in frames`,
      );
    if (!trackIds.has(c.trackId))
      throw new ImportError(MANIFEST, `cuboids[${i}] references track ${c.trackId}, which is not in tracks`);
    return {
      ...boxLabelOf(c),
      frameIndex: index,
      ...(c.provenance ? { provenance: c.provenance } : {}),
      ...(c.updatedBy ? { updatedBy: c.updatedBy } : {}),
      ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}),
    };
  });
  return {
    layout: "native",
    name: name ?? m.name,
    lidarName: m.lidarName,
    cameras: m.cameras,
    ...(m.classes ? { classes: m.classes } : {}),
    frames: m.frames.map((f) => ({
      name: f.name,
      timestampUs: f.timestampUs,
      worldFromLidar: f.worldFromLidar,
      lidarPath: f.lidarPath,
      lidarFormat: lidarFormatOf(f.lidarPath),
      imagePaths: f.imagePaths,
      ...(f.cameras ? { sourceMeta: { cameras: f.cameras } } : {}),
    })),
    tracks: m.tracks,
    boxes,
    warnings: [],
  };
}
