import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";

export interface RunningS3rver {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** Stops serving (open connections are cut); the files stay, so start() again serves them. */
  stop(): Promise<void>;
  /** Serves again on the same port after stop(). */
  start(): Promise<void>;
}

/**
 * s3rver (a file-backed S3-compatible server on loopback; credentials S3RVER/S3RVER) over `directory`,
 * on `port` (0: a free one). Tests and .ci/run use it when no real S3 endpoint is given.
 */
export async function startS3rver(directory: string, port = 0): Promise<RunningS3rver> {
  let server: S3rver | undefined;
  let bound = port;
  const start = async () => {
    server = new S3rver({ address: "127.0.0.1", port: bound, directory, silent: true });
    const info = (await server.run()) as AddressInfo;
    bound = info.port;
  };
  const stop = async () => {
    const http = (server as unknown as { httpServer?: Server }).httpServer;
    if (!http) return;
    await new Promise<void>((done) => {
      http.close(() => done());
      http.closeAllConnections();
    });
    server = undefined;
  };
  await start();
  return { endpoint: `http://127.0.0.1:${bound}`, port: bound, stop, start };
}
