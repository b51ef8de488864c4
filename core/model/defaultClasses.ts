import type { ClassDefinition } from "./ClassDefinition";

const occlusion = {
  kind: "enum" as const,
  name: "occlusion",
  values: ["none", "partial", "heavy"],
  displayNames: { "zh-CN": "遮挡" },
  valueDisplayNames: {
    none: { "zh-CN": "无遮挡" },
    partial: { "zh-CN": "部分遮挡" },
    heavy: { "zh-CN": "严重遮挡" },
  },
};
const parked = { kind: "boolean" as const, name: "parked", displayNames: { "zh-CN": "静止停放" } };

/**
 * Default project class list; sizes are typical dimensions used as priors (metres). Names are
 * canonical (labels, exports); display names are what the Chinese UI shows.
 */
export const DEFAULT_CLASSES: ClassDefinition[] = [
  {
    name: "Car",
    displayNames: { "zh-CN": "小汽车" },
    color: "#3fa7ff",
    hotkey: "1",
    defaultSize: { lengthM: 4.5, widthM: 1.85, heightM: 1.55 },
    attributes: [occlusion, parked],
  },
  {
    name: "Van",
    displayNames: { "zh-CN": "面包车" },
    color: "#6c8cff",
    hotkey: "2",
    defaultSize: { lengthM: 5.2, widthM: 2.0, heightM: 2.1 },
    attributes: [occlusion, parked],
  },
  {
    name: "Truck",
    displayNames: { "zh-CN": "卡车" },
    color: "#a06cff",
    hotkey: "3",
    defaultSize: { lengthM: 8.0, widthM: 2.5, heightM: 3.2 },
    attributes: [occlusion, parked],
  },
  {
    name: "Bus",
    displayNames: { "zh-CN": "公交车" },
    color: "#d56cff",
    hotkey: "4",
    defaultSize: { lengthM: 11.0, widthM: 2.6, heightM: 3.2 },
    attributes: [occlusion],
  },
  {
    name: "Pedestrian",
    displayNames: { "zh-CN": "行人" },
    color: "#ff6b6b",
    hotkey: "5",
    defaultSize: { lengthM: 0.6, widthM: 0.6, heightM: 1.75 },
    attributes: [
      occlusion,
      {
        kind: "enum",
        name: "pose",
        values: ["standing", "walking", "sitting"],
        displayNames: { "zh-CN": "姿态" },
        valueDisplayNames: {
          standing: { "zh-CN": "站立" },
          walking: { "zh-CN": "行走" },
          sitting: { "zh-CN": "坐姿" },
        },
      },
    ],
  },
  {
    name: "Cyclist",
    displayNames: { "zh-CN": "骑行者" },
    color: "#ffb347",
    hotkey: "6",
    defaultSize: { lengthM: 1.8, widthM: 0.6, heightM: 1.7 },
    attributes: [occlusion],
  },
  {
    name: "Motorcycle",
    displayNames: { "zh-CN": "摩托车" },
    color: "#ffd166",
    hotkey: "7",
    defaultSize: { lengthM: 2.1, widthM: 0.8, heightM: 1.5 },
    attributes: [occlusion],
  },
  {
    name: "Unknown",
    displayNames: { "zh-CN": "未知" },
    color: "#bbbbbb",
    hotkey: "9",
    defaultSize: { lengthM: 1.0, widthM: 1.0, heightM: 1.0 },
    attributes: [],
  },
];

export const VEHICLE_CLASSES = new Set(["Car", "Van", "Truck", "Bus"]);
