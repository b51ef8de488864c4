import type { ClassDefinition } from "./ClassDefinition";

const occlusion = { kind: "enum" as const, name: "occlusion", values: ["none", "partial", "heavy"] };

/** Default project class list; sizes are typical dimensions used as priors (metres). */
export const DEFAULT_CLASSES: ClassDefinition[] = [
  {
    name: "Car",
    color: "#3fa7ff",
    hotkey: "1",
    defaultSize: { lengthM: 4.5, widthM: 1.85, heightM: 1.55 },
    attributes: [occlusion, { kind: "boolean", name: "parked" }],
  },
  {
    name: "Van",
    color: "#6c8cff",
    hotkey: "2",
    defaultSize: { lengthM: 5.2, widthM: 2.0, heightM: 2.1 },
    attributes: [occlusion, { kind: "boolean", name: "parked" }],
  },
  {
    name: "Truck",
    color: "#a06cff",
    hotkey: "3",
    defaultSize: { lengthM: 8.0, widthM: 2.5, heightM: 3.2 },
    attributes: [occlusion, { kind: "boolean", name: "parked" }],
  },
  {
    name: "Bus",
    color: "#d56cff",
    hotkey: "4",
    defaultSize: { lengthM: 11.0, widthM: 2.6, heightM: 3.2 },
    attributes: [occlusion],
  },
  {
    name: "Pedestrian",
    color: "#ff6b6b",
    hotkey: "5",
    defaultSize: { lengthM: 0.6, widthM: 0.6, heightM: 1.75 },
    attributes: [occlusion, { kind: "enum", name: "pose", values: ["standing", "walking", "sitting"] }],
  },
  {
    name: "Cyclist",
    color: "#ffb347",
    hotkey: "6",
    defaultSize: { lengthM: 1.8, widthM: 0.6, heightM: 1.7 },
    attributes: [occlusion],
  },
  {
    name: "Motorcycle",
    color: "#ffd166",
    hotkey: "7",
    defaultSize: { lengthM: 2.1, widthM: 0.8, heightM: 1.5 },
    attributes: [occlusion],
  },
  {
    name: "Unknown",
    color: "#bbbbbb",
    hotkey: "9",
    defaultSize: { lengthM: 1.0, widthM: 1.0, heightM: 1.0 },
    attributes: [],
  },
];

export const VEHICLE_CLASSES = new Set(["Car", "Van", "Truck", "Bus"]);
