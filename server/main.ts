import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./ops/createLogger";
import { runServer } from "./runServer";

// `npm start` entry point. A failure to start is one plain line on stderr and a non-zero exit code;
// once running, everything is JSON lines on stdout (pino, ops/createLogger.ts).
const logger = createLogger();
try {
  const config = loadConfig(process.env, process.cwd());
  const running = await runServer(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    // A second signal while draining: stop at once.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, `${signal}: shutting down (finishing requests in flight)`);
    running.close().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "error while shutting down");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    `${error instanceof ConfigError ? "configuration error" : "error"}: ${message.split("\n")[0]}`,
  );
  process.exit(1);
}
