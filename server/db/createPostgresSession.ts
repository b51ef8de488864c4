import { createHash } from "node:crypto";
import { PostgresDialect, type RawBuilder, sql } from "kysely";
import type pg from "pg";
import { must } from "../../core/model/must";

/** The comment that marks a statement as riding with the next one (see ridesWithNext). */
const RIDER = "/* rides with the next statement */ ";

/**
 * Marks a statement of a transaction whose rows nobody reads (a lock, the writes, a NOTIFY): on
 * PostgreSQL it is sent at once and answered with no rows, and the statement after it (the reads
 * the lock guards, the commit) goes out behind it without waiting, so both cost one round trip. Its
 * failure is reported by that next statement, which fails with it (the transaction is aborted, and
 * a commit of an aborted transaction rolls back). Outside a transaction, and on PGlite, it runs as
 * any statement does.
 */
export function ridesWithNext<T>(statement: RawBuilder<T>): RawBuilder<T> {
  return sql<T>`${sql.raw(RIDER)}${statement}`;
}

/** The comment that marks a statement to run after its transaction's commit (see afterCommit). */
const AFTER_COMMIT = /^\/\* after commit #(\d+) \*\/ /;
/** Statements marked by afterCommit, by number, until they have run (or never will). */
const afterCommitWaiters = new Map<number, { settle(error?: unknown): void }>();
let afterCommitCount = 0;

/**
 * A statement to run right after the transaction it is executed in commits, outside it (its locks
 * held for itself only), and sent behind the commit without waiting: the author's work time after
 * a save, which took a round trip and a pooled connection of its own. Executing `statement` in the
 * transaction only queues it; the commit returns once it has run, and `ran` then holds its outcome
 * (a failure there never fails the commit). A transaction that rolls back or fails to commit may
 * still run it: it must do nothing for work that did not commit. Outside a transaction it runs as
 * it is executed. PostgreSQL only (createPostgresSession).
 */
export function afterCommit(statement: RawBuilder<unknown>): {
  statement: RawBuilder<unknown>;
  ran: Promise<void>;
} {
  const n = ++afterCommitCount;
  const ran = new Promise<void>((resolve, reject) => {
    afterCommitWaiters.set(n, {
      settle(error) {
        afterCommitWaiters.delete(n);
        if (error === undefined) resolve();
        else reject(error);
      },
    });
  });
  // Awaited only where the transaction committed; a rollback's "not run" is nobody's failure.
  ran.catch(() => {});
  return { statement: sql`${sql.raw(`/* after commit #${n} */ `)}${statement}`, ran };
}

/**
 * Distinct statement texts a process prepares by name on each pooled connection; later ones run
 * unnamed (parsed each time). The app's statements are a few dozen fixed texts; the cap bounds what a
 * text built per call (an `in` list of varying length) could pile up on the server.
 */
const PREPARED_TEXTS = 200;
/** Only these are prepared: a schema change (migration) needs no plan kept. */
const PREPARABLE = /^\s*(?:\/\*[^*]*\*\/\s*)?(?:select|insert|update|delete|with)\b/i;

/** What a pooled connection answers Kysely: node-postgres' result, the fields it reads. */
interface Answer {
  command: string;
  rowCount: number | null;
  rows: unknown[];
}

/**
 * Kysely's Postgres dialect over a node-postgres pool whose clients run in pipeline mode
 * (`pipeline: true`: each statement is written at once, answers come back in order), with two things
 * a save on PostgreSQL needs to cost few round trips:
 * - a transaction's `begin` and every `ridesWithNext` statement are sent without waiting for their
 *   answer; the next statement waits for all of them. An annotator's save is two round trips under
 *   the sequence's lock (begin + lock + reads, then writes + NOTIFY + commit) instead of six.
 * - each statement text is prepared once per connection under a name (its hash), so PostgreSQL
 *   parses and analyses it once, not on every call (PGlite's worker does the same).
 * A statement that fails because a prepared plan outlived a schema change (SQLSTATE 0A000, "cached
 * plan must not change result type") renames every text, so the next call prepares afresh; outside a
 * transaction it is sent again at once (inside, the transaction is aborted: its caller sees the error).
 */
export function createPostgresSession(pool: pg.Pool): PostgresDialect {
  const names = new Map<string, string>();
  let generation = 0;
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= PREPARED_TEXTS || !PREPARABLE.test(text)) return known;
    const name = `k${generation}_${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`;
    names.set(text, name);
    return name;
  };
  const send = (client: pg.PoolClient, text: string, values: readonly unknown[]): Promise<Answer> => {
    const name = nameOf(text);
    const sent: Promise<Answer> =
      name === undefined
        ? client.query(text, values as unknown[])
        : client.query({ name, text, values: values as unknown[] });
    return sent.catch((e: unknown) => {
      if ((e as { code?: string }).code === "0A000" && name !== undefined) {
        generation++;
        names.clear();
      }
      throw e;
    });
  };
  const EMPTY = (command: string): Answer => ({ command, rowCount: 0, rows: [] });
  const sessionOf = (client: pg.PoolClient) => {
    let inTransaction = false;
    /** Sent, not yet waited for: a begin and riders. */
    let unanswered: Array<Promise<Answer>> = [];
    /** afterCommit statements of this transaction: sent behind its commit. */
    let held: Array<{ n: number; text: string; values: readonly unknown[] }> = [];
    const runHeld = async (sendThem: boolean, why?: unknown) => {
      const these = held;
      held = [];
      await Promise.all(
        these.map(async (h) => {
          const waiter = afterCommitWaiters.get(h.n);
          if (!sendThem) return waiter?.settle(why);
          try {
            await send(client, h.text, h.values);
            waiter?.settle();
          } catch (e) {
            waiter?.settle(e);
          }
        }),
      );
    };
    const waitFor = async (last: Promise<Answer> | null): Promise<Answer | null> => {
      const before = unanswered;
      unanswered = [];
      // The first failure is the one to report: statements after it in an aborted transaction only
      // say that it is aborted.
      const settled = await Promise.allSettled(last ? [...before, last] : before);
      const failed = settled.find((s) => s.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
      const answer = settled.at(-1);
      return last && answer?.status === "fulfilled" ? answer.value : null;
    };
    const session = {
      async query(text: string, values: readonly unknown[]): Promise<Answer> {
        if (values.length === 0 && /^\s*begin\s*;?\s*$/i.test(text)) {
          inTransaction = true;
          unanswered.push(send(client, text, values));
          return EMPTY("BEGIN");
        }
        const after = AFTER_COMMIT.exec(text);
        if (after) {
          // The text without its number: one prepared statement for all of them.
          const bare = text.slice(after[0].length);
          held.push({ n: Number(after[1]), text: bare, values });
          if (!inTransaction) await runHeld(true);
          return EMPTY("");
        }
        if (inTransaction && text.startsWith(RIDER)) {
          const sent = send(client, text, values);
          // Waited for by the next statement; never an unhandled rejection meanwhile.
          sent.catch(() => {});
          unanswered.push(sent);
          return EMPTY("");
        }
        if (values.length === 0 && /^\s*(commit|rollback)\s*;?\s*$/i.test(text)) inTransaction = false;
        if (/^\s*rollback\b/i.test(text)) {
          // A rollback follows a failure already reported; what rode before it adds nothing.
          const before = unanswered;
          unanswered = [];
          await Promise.allSettled(before);
          await runHeld(false, new Error("not run: its transaction rolled back"));
          return send(client, text, values);
        }
        if (held.length > 0 && /^\s*commit\s*;?\s*$/i.test(text)) {
          const committed = waitFor(send(client, text, values));
          // Sent behind the commit before its answer; the commit returns once they have run, so the
          // connection goes back to the pool with nothing in flight.
          const ran = runHeld(true);
          const [answer] = await Promise.allSettled([committed, ran]);
          if (answer.status === "rejected") throw answer.reason;
          return must(answer.value, "the answer to commit");
        }
        const answer = await waitFor(send(client, text, values)).catch((e: unknown) => {
          // Outside a transaction the failed statement did nothing: prepare it afresh, once.
          if (inTransaction || (e as { code?: string }).code !== "0A000") throw e;
          return waitFor(send(client, text, values));
        });
        return must(answer, `the answer to ${text.slice(0, 60)}`);
      },
      release() {
        inTransaction = false;
        void runHeld(false, new Error("not run: its transaction was abandoned"));
        // Only riders of a transaction Kysely abandoned without commit or rollback could be here;
        // the pool's next holder must not inherit them.
        if (unanswered.length > 0) void waitFor(null).catch(() => {});
        client.release();
      },
    };
    return session;
  };
  const sessions = new WeakMap<pg.PoolClient, ReturnType<typeof sessionOf>>();
  const kyselyPool = {
    async connect() {
      const client = await pool.connect();
      let session = sessions.get(client);
      if (!session) sessions.set(client, (session = sessionOf(client)));
      return session;
    },
    end: () => pool.end(),
  };
  // biome-ignore lint/suspicious/noExplicitAny: the dialect types the pool as pg's Pool; this is the part it uses.
  return new PostgresDialect({ pool: kyselyPool as any });
}
