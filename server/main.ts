import { ConfigError, loadConfig } from "./config";
import { runServer } from "./runServer";

// `npm start` entry point. Every failure ends as one line on stderr and a non-zero exit code.
try {
  const config = loadConfig(process.env, process.cwd());
  const running = await runServer(config, (line) => console.log(line));
  const shutdown = (signal: string) => {
    console.log(`${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`error while shutting down: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    `${error instanceof ConfigError ? "configuration error" : "error"}: ${message.split("\n")[0]}`,
  );
  process.exit(1);
}
