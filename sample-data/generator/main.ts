/**
 * Generates a synthetic, fully labelled lidar + camera sequence.
 *
 *   node --import tsx sample-data/generator/main.ts [--preset default|big] [--seed N] [--frames N]
 *        [--out DIR] [--beams N] [--azimuth-step DEG] [--jpeg-quality Q] [--width PX] [--height PX]
 *        [--sustech DIR] [--kitti DIR] [--merge-sweeps N] [--rate HZ] [--ego-speed MPS]
 *
 * Defaults: the `default` preset into sample-data/default (the committed sequence); `big` writes
 * 200 frames of a 128-beam lidar and a merged cloud of 5 sweeps into sample-data/out/big.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createGenerator } from "./createGenerator";
import { directoryBytes } from "./directoryBytes";
import { BIG_PRESET, DEFAULT_PRESET, type GeneratorOptions } from "./GeneratorOptions";
import { type FileSink, writeSequence } from "./writeSequence";

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === undefined || !key.startsWith("--") || value === undefined || value.startsWith("--"))
      throw new Error(`sample-data: argument ${i + 1} ("${key}") must be "--name value"`);
    args.set(key.slice(2), value);
    i++;
  }
  return args;
}

function numberArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`sample-data: --${name} must be a number, got "${raw}"`);
  return v;
}

function directorySink(root: string): FileSink {
  rmSync(root, { recursive: true, force: true });
  return (relativePath, bytes) => {
    const path = join(root, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  };
}

const args = parseArgs(process.argv.slice(2));
const presetName = args.get("preset") ?? "default";
const preset = presetName === "big" ? BIG_PRESET : presetName === "default" ? DEFAULT_PRESET : null;
if (!preset) throw new Error(`sample-data: --preset must be "default" or "big", got "${presetName}"`);
const seed = numberArg(args, "seed", preset.seed);
const options: GeneratorOptions = {
  seed,
  frames: numberArg(args, "frames", preset.frames),
  lidar: {
    ...preset.lidar,
    beams: numberArg(args, "beams", preset.lidar.beams),
    azimuthStepDeg: numberArg(args, "azimuth-step", preset.lidar.azimuthStepDeg),
  },
  imageWidthPx: numberArg(args, "width", preset.imageWidthPx),
  imageHeightPx: numberArg(args, "height", preset.imageHeightPx),
  jpegQuality: numberArg(args, "jpeg-quality", preset.jpegQuality),
  name: seed === preset.seed ? preset.name : `${preset.name.replace(/-seed-\d+$/, "")}-seed-${seed}`,
  ...(args.has("rate") ? { frameIntervalUs: Math.round(1e6 / numberArg(args, "rate", 10)) } : {}),
  ...(args.has("ego-speed") ? { egoSpeedMps: numberArg(args, "ego-speed", 10) } : {}),
};
const out = args.get("out") ?? (presetName === "big" ? "sample-data/out/big" : "sample-data/default");
const started = performance.now();
const sustechDir = args.get("sustech");
const kittiDir = args.get("kitti");
const manifest = writeSequence(
  createGenerator(options),
  {
    native: directorySink(out),
    ...(sustechDir !== undefined ? { sustech: directorySink(sustechDir) } : {}),
    ...(kittiDir !== undefined ? { kitti: directorySink(kittiDir) } : {}),
    mergeSweeps: numberArg(args, "merge-sweeps", presetName === "big" ? 5 : 0),
  },
  (i) => {
    if ((i + 1) % 10 === 0) process.stdout.write(`  frame ${i + 1}/${options.frames}\n`);
  },
);
const seconds = (performance.now() - started) / 1000;
console.log(
  `sample-data: ${manifest.frames.length} frames, ${manifest.cuboids.length} cuboids, ${manifest.tracks.length} tracks → ${out} ` +
    `(${(directoryBytes(out) / 1e6).toFixed(2)} MB) in ${seconds.toFixed(1)} s`,
);
