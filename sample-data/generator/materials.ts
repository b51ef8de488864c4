/**
 * Surface materials shared by the lidar (reflectivity → intensity) and the cameras (colour).
 * Reflectivity is the fraction of laser power returned at normal incidence (0..1).
 */
export interface Material {
  name: string;
  rgb: readonly [number, number, number];
  reflectivity: number;
}

export const MATERIALS: readonly Material[] = [
  { name: "asphalt", rgb: [78, 80, 84], reflectivity: 0.08 },
  { name: "lane-marking", rgb: [226, 226, 220], reflectivity: 0.75 },
  { name: "centre-marking", rgb: [222, 184, 60], reflectivity: 0.7 },
  { name: "curb", rgb: [168, 166, 160], reflectivity: 0.3 },
  { name: "sidewalk", rgb: [150, 146, 140], reflectivity: 0.22 },
  { name: "grass", rgb: [86, 124, 62], reflectivity: 0.18 },
  { name: "building-beige", rgb: [196, 178, 150], reflectivity: 0.3 },
  { name: "building-brick", rgb: [150, 84, 66], reflectivity: 0.25 },
  { name: "building-grey", rgb: [140, 144, 150], reflectivity: 0.28 },
  { name: "building-white", rgb: [214, 212, 206], reflectivity: 0.4 },
  { name: "pole-metal", rgb: [110, 112, 116], reflectivity: 0.55 },
  { name: "bark", rgb: [92, 68, 48], reflectivity: 0.15 },
  { name: "foliage", rgb: [58, 110, 48], reflectivity: 0.2 },
  { name: "hedge", rgb: [46, 96, 40], reflectivity: 0.17 },
  { name: "tyre", rgb: [28, 28, 30], reflectivity: 0.05 },
  { name: "glass", rgb: [46, 60, 74], reflectivity: 0.1 },
  { name: "paint-red", rgb: [170, 32, 36], reflectivity: 0.5 },
  { name: "paint-blue", rgb: [36, 72, 160], reflectivity: 0.5 },
  { name: "paint-white", rgb: [222, 222, 224], reflectivity: 0.6 },
  { name: "paint-black", rgb: [36, 36, 40], reflectivity: 0.35 },
  { name: "paint-silver", rgb: [170, 174, 180], reflectivity: 0.55 },
  { name: "paint-yellow", rgb: [214, 170, 40], reflectivity: 0.55 },
  { name: "cloth-dark", rgb: [52, 56, 70], reflectivity: 0.15 },
  { name: "cloth-red", rgb: [160, 50, 50], reflectivity: 0.2 },
  { name: "cloth-green", rgb: [60, 120, 80], reflectivity: 0.2 },
  { name: "cloth-light", rgb: [190, 180, 160], reflectivity: 0.25 },
  { name: "skin", rgb: [206, 160, 130], reflectivity: 0.3 },
  { name: "bike-frame", rgb: [200, 60, 30], reflectivity: 0.45 },
];

const byName = new Map(MATERIALS.map((m, i) => [m.name, i]));

/** Material index by name; throws on a typo so a scene never silently renders the wrong surface. */
export function materialId(name: string): number {
  const id = byName.get(name);
  if (id === undefined) throw new Error(`materialId: unknown material "${name}"`);
  return id;
}

export const PAINT_MATERIALS = [
  "paint-red",
  "paint-blue",
  "paint-white",
  "paint-black",
  "paint-silver",
  "paint-yellow",
].map(materialId);
export const CLOTH_MATERIALS = ["cloth-dark", "cloth-red", "cloth-green", "cloth-light"].map(materialId);
export const BUILDING_MATERIALS = ["building-beige", "building-brick", "building-grey", "building-white"].map(
  materialId,
);
