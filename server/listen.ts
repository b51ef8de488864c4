import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { ConfigError } from "./config";

export interface Listening {
  server: ServerType;
  port: number;
  close(): Promise<void>;
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
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive sockets would hold close() open.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
