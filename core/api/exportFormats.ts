/** The export formats, in the order the CLI and the browser offer them. */
export const EXPORT_FORMATS = [
  "openlabel",
  "nuscenes",
  "kitti-object",
  "kitti-tracking",
  "sustech",
  "native",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
