import { afterAll, beforeAll } from "vitest";
import { type BrowserSession, launchBrowser } from "./launchBrowser";
import { signInBrowser } from "./signIn";
import { type RunningServer, startServer } from "./startServer";

export interface JourneyContext {
  server: RunningServer;
  session: BrowserSession;
}

/**
 * Registers beforeAll/afterAll that start a server (fresh DATA_DIR, sample imported) and a Chromium page
 * signed in as admin,
 * and dispose of both. Read the fields inside tests; a test may replace `server` (restart) and it is
 * still disposed.
 */
export function serverAndBrowserForFile(options: Parameters<typeof startServer>[0] = {}): JourneyContext {
  const context = {} as JourneyContext;
  beforeAll(async () => {
    context.server = await startServer(options);
    context.session = await launchBrowser();
    await signInBrowser(context.session.page, context.server.url);
  });
  afterAll(async () => {
    await context.session?.close();
    await context.server?.dispose();
  });
  return context;
}
