import type { Page } from "playwright-core";
import { TEST_ADMIN_PASSWORD } from "../../server/testing/testAuth";

/**
 * Signs the browser page in through the sign-in API (the cookie lands in the page's context), for
 * journeys about something else. The sign-in form itself is driven by accountsJourney.e2e.ts.
 */
export async function signInBrowser(
  page: Page,
  url: string,
  username = "admin",
  password = TEST_ADMIN_PASSWORD,
): Promise<void> {
  const res = await page.request.post(`${url}/api/auth/sign-in`, {
    data: { username, password },
    headers: { "X-Cuboidal-Client": "1", Origin: url },
  });
  if (!res.ok()) throw new Error(`sign-in as ${username}: HTTP ${res.status()} ${await res.text()}`);
}
