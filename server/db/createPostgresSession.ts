import { createHash } from "node:crypto";
import { PostgresDialect, type RawBuilder, sql } from "kysely";
import type pg from "pg";
import { must } from "../../core/model/must";

/** The comment that marks a statement as riding with the next one (see ridesWithNext). */
const RIDER = "/* rides with the next statement */ ";

/**
 * Marks a statement of a transaction whose rows nobody reads (a lock, the writes, a NOTIFY): on
 * PostgreSQL it is answered at once with no rows and sent with the statement after it (the reads the
 * lock guards, the commit), in one write, so both cost one round trip. Its failure is reported by
 * that next statement, which fails with it (the transaction is aborted, and a commit of an aborted
 * transaction rolls back). Outside a transaction, and on PGlite, it runs as any statement does.
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

/** A statement as Kysely hands it over; `begin` marks a transaction's begin. */
interface Statement {
  text: string;
  values: readonly unknown[];
  begin?: boolean;
}

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
 * - a transaction's `begin` and every `ridesWithNext` statement are answered at once and sent with
 *   the next statement, in one write (cork), which waits for all their answers; `afterCommit`
 *   statements are sent behind the commit. An annotator's save is two round trips (begin + lock +
 *   reads, then writes + NOTIFY + commit + work time) instead of seven.
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
    /** A begin and riders not sent yet: they go out with the next statement. */
    let unsent: Statement[] = [];
    /** afterCommit statements of this transaction: sent behind its commit. */
    let held: Array<Statement & { n: number }> = [];
    // node-postgres writes each statement with a syscall of its own (1.5 s of a server's 30 s of CPU
    // under bench:server, 100 annotators); corked, a trip's statements are one write.
    const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } })
      .connection?.stream;
    const sendAll = (statements: Statement[]): Array<Promise<Answer>> => {
      stream?.cork?.();
      try {
        return statements.map((st) => send(client, st.text, st.values));
      } finally {
        stream?.uncork?.();
      }
    };
    /** The answers in order; the first failure is the one reported (later statements of an aborted
     * transaction only say that it is aborted). */
    const answersOf = async (sent: Array<Promise<Answer>>): Promise<Answer> => {
      const settled = await Promise.allSettled(sent);
      const failed = settled.find((r) => r.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return must(settled.at(-1) as PromiseFulfilledResult<Answer> | undefined, "an answer").value;
    };
    const notRun = (why: string) => {
      const these = held;
      held = [];
      if (these.length === 0) return;
      const error = new Error(`not run: its transaction ${why}`);
      for (const h of these) afterCommitWaiters.get(h.n)?.settle(error);
    };
    /** Sends the unsent statements, `statement` and `after` in one write; answers `statement`. */
    const trip = async (statement: Statement, after: Array<Statement & { n: number }> = []) => {
      const queued = unsent;
      unsent = [];
      const sent = sendAll([...queued, statement, ...after]);
      const ran = Promise.all(
        after.map((h, i) =>
          must(sent[queued.length + 1 + i], "an afterCommit statement's answer").then(
            () => afterCommitWaiters.get(h.n)?.settle(),
            (e: unknown) => afterCommitWaiters.get(h.n)?.settle(e),
          ),
        ),
      );
      // Returns once everything sent has its answer: the connection goes back to the pool idle.
      const [answer] = await Promise.allSettled([answersOf(sent.slice(0, queued.length + 1)), ran]);
      if (answer.status === "rejected") throw answer.reason;
      return answer.value;
    };
    const session = {
      async query(text: string, values: readonly unknown[]): Promise<Answer> {
        if (values.length === 0 && /^\s*begin\s*;?\s*$/i.test(text)) {
          inTransaction = true;
          unsent.push({ text, values, begin: true });
          return EMPTY("BEGIN");
        }
        const after = AFTER_COMMIT.exec(text);
        if (after) {
          // The text without its number: one prepared statement for all of them.
          held.push({ n: Number(after[1]), text: text.slice(after[0].length), values });
          if (!inTransaction) {
            // Outside a transaction: at once.
            const alone = must(held.pop(), "an afterCommit statement");
            await trip(alone).then(
              () => afterCommitWaiters.get(alone.n)?.settle(),
              (e: unknown) => afterCommitWaiters.get(alone.n)?.settle(e),
            );
          }
          return EMPTY("");
        }
        if (inTransaction && text.startsWith(RIDER)) {
          unsent.push({ text, values });
          return EMPTY("");
        }
        if (values.length === 0 && /^\s*rollback\s*;?\s*$/i.test(text)) {
          inTransaction = false;
          notRun("rolled back");
          // What was never sent needs no rollback: a begin still unsent opened nothing.
          const opened = !unsent.some((st) => st.begin);
          unsent = [];
          return opened ? trip({ text, values }) : EMPTY("ROLLBACK");
        }
        if (values.length === 0 && /^\s*commit\s*;?\s*$/i.test(text)) {
          inTransaction = false;
          const these = held;
          held = [];
          return trip({ text, values }, these);
        }
        return trip({ text, values }).catch((e: unknown) => {
          // Outside a transaction the failed statement did nothing: prepare it afresh, once.
          if (inTransaction || (e as { code?: string }).code !== "0A000") throw e;
          return trip({ text, values });
        });
      },
      release() {
        inTransaction = false;
        // Only a transaction Kysely abandoned without commit or rollback leaves these: never sent.
        notRun("was abandoned");
        unsent = [];
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
