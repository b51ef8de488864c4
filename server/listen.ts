import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { ConfigError } from "./config";

export interface Listening {
  server: ServerType;
  port: number;
  /**
   * Stops accepting connections, lets the requests in flight finish (at most `graceMs`, default 0),
   * then cuts what is left (keep-alive sockets, long-lived streams).
   */
  close(graceMs?: number): Promise<void>;
  /** Requests received whose response has not finished yet. */
  inFlight(): number;
}

/** Binds the app to `port` on `hostname`; a port in use or forbidden becomes a one-line ConfigError. */
export function listen(
  /** `env` carries the Node request (`env.incoming`): the peer address for the audit log. */
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  port: number,
  hostname = "127.0.0.1",
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname });
    let inFlight = 0;
    let drained: (() => void) | undefined;
    server.on("request", (_req, res: import("node:http").ServerResponse) => {
      inFlight++;
      res.once("close", () => {
        inFlight--;
        if (inFlight === 0) drained?.();
      });
    });
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(new ConfigError(`PORT ${port} is already in use by another program`));
      else if (error.code === "EACCES")
        reject(new ConfigError(`PORT ${port} needs privileges this user does not have`));
      else if (error.code === "EADDRNOTAVAIL")
        reject(new ConfigError(`HOST ${hostname} is not an address of this machine`));
      else reject(error);
    });
    server.once("listening", () => {
      const bound = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: bound,
        inFlight: () => inFlight,
        close: async (graceMs = 0) => {
          const http = server as { closeAllConnections?: () => void; closeIdleConnections?: () => void };
          const closed = new Promise<void>((done) => server.close(() => done()));
          http.closeIdleConnections?.();
          if (inFlight > 0 && graceMs > 0) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([
              new Promise<void>((done) => {
                drained = done;
              }),
              new Promise<void>((done) => {
                timer = setTimeout(done, graceMs);
              }),
            ]);
            clearTimeout(timer);
          }
          // Keep-alive sockets (and streams past the grace) would hold close() open.
          http.closeAllConnections?.();
          await closed;
        },
      });
    });
  });
}
