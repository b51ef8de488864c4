/** The file extension of a stored sweep, by the format name the decoders use (readNativeSequence's lidarFormatOf, reversed). */
export function lidarFileExtension(lidarFormat: string): string {
  switch (lidarFormat) {
    case "nuscenes-bin":
      return "pcd.bin";
    case "kitti-bin":
      return "bin";
    default:
      return lidarFormat;
  }
}
