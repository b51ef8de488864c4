import { must } from "../core/model/must";
import { signInForToken } from "../server/testing/testAuth";

// The accounts of bench:server's simulated annotators: a team is as many people as annotators, each
// signed in as themselves, so rows kept per author (work time, box counts) hold one person's saves as
// in production, not everyone's on one admin's row.

/** Sign-ups in flight at once (each hashes a password on the server, ~20 ms of CPU). */
const AT_ONCE = 8;

async function call(url: string, headers: Record<string, string>, method: string, body: unknown) {
  const res = await fetch(url, {
    method,
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/**
 * Creates annotator i (`${prefix}${i}`) through the accounts API as the admin: a user, an annotator
 * of the sequence's project, the labeler of a task over the whole of `sequenceOf(i)`; signs in as
 * them and returns each one's bearer headers, by annotator index.
 */
export async function signUpAnnotators(
  url: string,
  admin: Record<string, string>,
  count: number,
  prefix: string,
  sequenceOf: (i: number) => { id: string; projectId: string },
): Promise<Array<Record<string, string>>> {
  const headers: Array<Record<string, string>> = [];
  let next = 0;
  const one = async (i: number) => {
    const username = `${prefix}${i}`;
    const password = `${username}-bench-password`;
    const { id: sequenceId, projectId } = sequenceOf(i);
    const { user } = (await call(`${url}/api/users`, admin, "POST", { username, password })) as {
      user: { id: string };
    };
    await call(`${url}/api/projects/${projectId}/members/${user.id}`, admin, "PUT", { role: "annotator" });
    await call(`${url}/api/projects/${projectId}/tasks`, admin, "POST", {
      sequenceId,
      name: `${username} labels`,
      labelerId: user.id,
    });
    headers[i] = await signInForToken(url, username, password);
  };
  await Promise.all(
    Array.from({ length: Math.min(AT_ONCE, count) }, async () => {
      for (let i = next++; i < count; i = next++) await one(i);
    }),
  );
  return Array.from({ length: count }, (_, i) => must(headers[i], `annotator ${i}'s sign-in`));
}
