import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./browserFlags";

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium through playwright-core and opens one page that records console errors;
 * `locale` sets the page's language (navigator.languages, Accept-Language), e.g. "zh-CN".
 */
export async function launchBrowser(
  viewport = { width: 1600, height: 900 },
  options: { locale?: string } = {},
): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `browser tests need Chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  const page = await browser.newPage({ viewport, ...(options.locale ? { locale: options.locale } : {}) });
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  return { browser, page, consoleErrors, close: () => browser.close() };
}
