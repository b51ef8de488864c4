/**
 * The message of every QA finding: a stable code, the measured values it names, and its English
 * text (the CLI's and the JSON's `message`). The client renders `code` and `values` through its
 * catalogues (client/i18n, `qa.message.<code>`), so each code's values are a contract with them:
 * metres rounded to centimetres, degrees and counts whole, lists (faces, dimensions) comma-separated
 * names from FACE_NAMES and DIM_NAMES.
 */
export type QaMessageValues = Readonly<Record<string, string | number>>;

/** Sizes' dimension names as `dims` lists them; values then come as `<dim>M` and `ref<Dim>M`. */
export const DIM_NAMES = ["length", "width", "height"] as const;
export type DimName = (typeof DIM_NAMES)[number];
export const FACE_NAMES = ["front", "back", "left", "right"] as const;

const m = (v: string | number | undefined) => `${Number(v ?? Number.NaN).toFixed(2)} m`;
const list = (v: string | number | undefined) =>
  String(v ?? "")
    .split(",")
    .filter(Boolean);
const cap = (d: string) => d.charAt(0).toUpperCase() + d.slice(1);
/** "length 4.50 m vs 3.20 m, height …" from a size message's values. */
const dims = (v: QaMessageValues, vs: string) =>
  list(v.dims)
    .map((d) => `${d} ${m(v[`${d}M`])}${vs}${m(v[`ref${cap(d)}M`])}`)
    .join(", ");

const TEMPLATES = {
  fewPointsSeeThrough: (v: QaMessageValues) =>
    `${v.points} points in the box at ${v.rangeM} m, and the lidar sees ${v.behind} points behind it: nothing is there`,
  fewPointsVsTrack: (v: QaMessageValues) =>
    `${v.points} points in the box where the track's neighbouring boxes hold about ${v.typical}: is it off its object?`,
  pointsOutside: (v: QaMessageValues) =>
    `${v.points} object points within ${m(v.shellM)} outside the ${v.face} face (${v.inside} inside): the box is too tight or off its object`,
  looseBox: (v: QaMessageValues) => {
    const faces = list(v.faces);
    return `the ${faces.join(" and ")} face${faces.length > 1 ? "s stand" : " stands"} ${m(v.gapM)} off the object's points, on the side the lidar sees`;
  },
  sizeImplausible: (v: QaMessageValues) => {
    const ds = list(v.dims);
    return `${ds.map((d) => `${d} ${m(v[`${d}M`])}`).join(", ")} implausible for a ${v.className} (typical ${ds.map((d) => m(v[`ref${cap(d)}M`])).join(", ")})`;
  },
  sizeChange: (v: QaMessageValues) => `size differs from the track's median: ${dims(v, " vs ")}`,
  headingFlipVsTrack: (v: QaMessageValues) =>
    `heading ${v.deg}° off the track's neighbouring boxes: front and back swapped`,
  headingFlipVsMotion: (v: QaMessageValues) =>
    `heading ${v.deg}° off the direction of motion: front and back swapped`,
  headingOffVsTrack: (v: QaMessageValues) => `heading ${v.deg}° off the track's neighbouring boxes`,
  headingOffVsMotion: (v: QaMessageValues) =>
    `heading ${v.deg}° off the direction of motion (${v.speedMps} m/s)`,
  positionJump: (v: QaMessageValues) => `${m(v.offM)} off the path of the track's neighbouring boxes`,
  positionJumpOffObject: (v: QaMessageValues) =>
    `${m(v.offM)} off the path of the track's neighbouring boxes, with ${v.near} object points left around it and ${v.inside} in it: off its object`,
  positionJumpPointsStayed: (v: QaMessageValues) =>
    `${m(v.offM)} off the path of the track's neighbouring boxes, and its object's points stayed behind by ${m(v.shiftM)}: off its object`,
  impossibleSpeed: (v: QaMessageValues) =>
    `${v.speedMps} m/s since the track's previous box (at most ${v.maxMps} m/s)`,
  missingFrameUnseen: (v: QaMessageValues) =>
    `no box between the track's boxes at frames ${v.first} and ${v.last}`,
  missingFrameVisible: (v: QaMessageValues) =>
    `no box, yet ${v.points} points lie where the track's neighbouring boxes put it`,
  classChange: (v: QaMessageValues) => `class ${v.className}, the track is a ${v.trackClass}`,
  attributeChange: (v: QaMessageValues) =>
    `${v.name} is ${v.value} here and ${v.usual} in the rest of the track`,
  duplicate: (v: QaMessageValues) =>
    `overlaps track ${v.otherTrack}'s box (bird's-eye IoU ${v.iou}, ${v.sharePct}% of the smaller)`,
  idSwap: (v: QaMessageValues) =>
    `ids swapped with track ${v.otherTrack} here? Swapping them back fits both paths ${m(v.gainM)} better`,
  idSwapLook: (v: QaMessageValues) =>
    `ids swapped with track ${v.otherTrack} here? From here each track looks like the other did (class, size)`,
  belowGround: (v: QaMessageValues) => `bottom ${m(v.depthM)} below the local ground`,
  floating: (v: QaMessageValues) => `bottom ${m(v.heightM)} above the local ground`,
  floatingOverObject: (v: QaMessageValues) =>
    `${v.under} object points just under the bottom face (${v.inside} in the box): it is lifted off its object`,
} satisfies Record<string, (v: QaMessageValues) => string>;

export type QaMessageCode = keyof typeof TEMPLATES;
export const QA_MESSAGE_CODES = Object.keys(TEMPLATES) as QaMessageCode[];

/** The English text of a message. */
export const qaMessageText = (code: QaMessageCode, values: QaMessageValues): string =>
  TEMPLATES[code](values);

/** Metres for a message's values: centimetres. */
export const roundM = (v: number): number => Math.round(v * 100) / 100;
/** Degrees for a message's values: whole degrees of an angle in radians. */
export const roundDeg = (rad: number): number => Math.round((rad * 180) / Math.PI);
