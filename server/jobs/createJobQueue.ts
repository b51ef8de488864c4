import { type Selectable, sql, type Updateable } from "kysely";
import PgBoss from "pg-boss";
import type { Database } from "../db/openDatabase";
import { withStartupLock } from "../db/withStartupLock";
import type { JobsTable } from "../db/Schema";
import type { Logger } from "../ops/createLogger";
import { jobStarted, watchJobCounts } from "../ops/metrics";
import { isJobId } from "./isJobId";
import { JobInputError } from "./JobInputError";
import { type JobRecord, type JobState, jobRecord } from "./JobRecord";
import { must } from "../../core/model/must";

/**
 * Thrown out of `progress()` once the job was cancelled, or retried (this attempt is no longer the
 * job's current one): the handler stops where it is.
 */
export class JobCancelledError extends Error {
  override readonly name = "JobCancelledError";
}

export interface JobContext<D> {
  /** The job's id (the same for every attempt). */
  jobId: string;
  data: D;
  /** Aborted when the job is cancelled (seen at the next progress report, or when the queue stops). */
  signal: AbortSignal;
  /**
   * Records progress for every server to read; throws JobCancelledError once a person cancelled
   * (one read of the job's state per call). Written at most every PROGRESS_MS (and always when
   * done === total), so a per-frame call stays cheap.
   */
  progress(done: number, total: number, message?: string): Promise<void>;
}

/**
 * A job kind's work; what it returns (JSON) is the job's result. A JobInputError fails the job at
 * once; any other error is retried once (on whichever server polls first).
 */
export type JobHandler<D> = (ctx: JobContext<D>) => Promise<unknown>;

export interface JobOwner {
  projectId: string;
  sequenceId?: string;
  userId: string;
}

export interface JobQueue {
  /** Registers the work of a kind; every server that defines it runs its jobs. */
  define<D>(kind: string, handler: JobHandler<D>): void;
  /** Installs pg-boss's schema (once per database) and starts polling; idempotent. */
  start(): Promise<void>;
  send(kind: string, data: unknown, owner: JobOwner): Promise<JobRecord>;
  get(jobId: string): Promise<JobRecord | undefined>;
  /** Cancels a queued or running job; a finished one is left as it is. */
  cancel(jobId: string): Promise<JobRecord | undefined>;
  /**
   * Queues a failed or cancelled job again from the start, as a new attempt (a new pg-boss job): an
   * earlier attempt still running stops at its next progress call and writes nothing more.
   */
  retry(jobId: string): Promise<JobRecord | undefined>;
  stop(): Promise<void>;
}

/** A running job checks for cancellation and writes progress this often at most. */
const PROGRESS_MS = 250;
/**
 * pg-boss polls for work at its minimum, 0.5 s: a job starts within half a second on some server.
 * A failed attempt is tried once more (a server stopping mid-job fails it: another one takes it),
 * unless it failed with a JobInputError.
 */
const POLL_S = 0.5;
const QUEUE_OPTIONS = { retryLimit: 1, retryDelay: 1, expireInSeconds: 6 * 3600 };

export interface JobQueueDeps {
  store: Database;
  log?: Logger;
  /** Stop waits this long for running jobs before failing them (a retry runs them elsewhere). */
  stopGraceMs?: number;
}

/**
 * The job queue of the whole deployment, kept in PostgreSQL by pg-boss (10.x): the same library on
 * PGlite (through the store's one connection) and on PostgreSQL (its own pool), so every server on
 * one database takes jobs from one queue, and any server answers for any job. The `jobs` table
 * adds what pg-boss does not keep: owner, progress and result, and which pg-boss job is the current
 * attempt (`attempt_id`): every write of an attempt is conditional on it, so an attempt overtaken by
 * a retry (still running on another server, or slow to notice its cancel) never touches the row.
 */
export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const { store } = deps;
  const handlers = new Map<string, JobHandler<unknown>>();
  const conn = store.queueConnection;
  const boss = new PgBoss({
    ...("connectionString" in conn
      ? { connectionString: conn.connectionString, max: 4 }
      : { db: { executeSql: (text: string, values: unknown[]) => conn.executeSql(text, values) } }),
    schedule: false,
    // Maintenance (expiring stuck jobs, archiving) once a minute is plenty for jobs of minutes.
    maintenanceIntervalSeconds: 60,
  });
  boss.on("error", (e: Error) => deps.log?.warn({ err: e.message }, "job queue error"));
  let started: Promise<void> | undefined;
  let stopped = false;
  const running = new Set<AbortController>();
  let unwatch = () => {};

  const work = async (kind: string) => {
    await boss.createQueue(kind, { name: kind, ...QUEUE_OPTIONS });
    await boss.work<unknown>(kind, { pollingIntervalSeconds: POLL_S, batchSize: 1 }, async ([job]) => {
      if (job) return runOne(kind, job.id, job.data);
    });
  };

  const runOne = async (kind: string, attemptId: string, data: unknown) => {
    const handler = must(handlers.get(kind), `a handler for jobs of kind ${kind}`);
    // The job this attempt belongs to; none when a retry already replaced it (nothing to do).
    const row = await store.db
      .selectFrom("jobs")
      .select("id")
      .where("attempt_id", "=", attemptId)
      .executeTakeFirst();
    if (!row) return null;
    const jobId = row.id;
    const abort = new AbortController();
    running.add(abort);
    const endMetric = jobStarted(kind);
    let lastWrite = 0;
    let pending: Updateable<JobsTable> | null = null;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    let writes: Promise<unknown> = Promise.resolve();
    /** Writes the row while this attempt is current; false once a retry replaced it. */
    const write = async (values: Updateable<JobsTable>) => {
      const res = await store.db
        .updateTable("jobs")
        .set({ ...values, updated_at: new Date().toISOString() })
        .where("id", "=", jobId)
        .where("attempt_id", "=", attemptId)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    };
    /** Progress writes one after another, so a trailing write never lands after a later one. */
    const inOrder = (values: Updateable<JobsTable>) => {
      lastWrite = Date.now();
      const next = writes.then(() => write(values));
      writes = next.catch(() => {});
      return next;
    };
    /**
     * The attempt's last write (result or failure), after every progress write already queued: a
     * progress write still in flight, or a trailing one, must never land on top of the outcome (seen in
     * CI: a done job showing done 1 of 4 and no result).
     */
    const settle = (values: Updateable<JobsTable>) => {
      clearTimeout(trailing);
      trailing = undefined;
      pending = null;
      return inOrder(values);
    };
    const isCurrent = async () => {
      const [job, current] = await Promise.all([
        boss.getJobById(kind, attemptId),
        store.db.selectFrom("jobs").select("id").where("attempt_id", "=", attemptId).executeTakeFirst(),
      ]);
      return job?.state !== "cancelled" && current !== undefined;
    };
    const stopHere = () => {
      abort.abort();
      return new JobCancelledError(`job ${jobId} was cancelled (attempt ${attemptId})`);
    };
    const ctx: JobContext<unknown> = {
      jobId,
      data,
      signal: abort.signal,
      async progress(done, total, message) {
        // Checked at every call, so a cancel stops the job at its next frame exactly (throttling
        // this too let a pre-label run call detect once more after a quick cancel).
        if (abort.signal.aborted || !(await isCurrent())) throw stopHere();
        const values = { done, total, message: message ?? null };
        const now = Date.now();
        if (now - lastWrite < PROGRESS_MS && done !== total) {
          // Written when the interval ends: without this trailing write a job that reported twice
          // within 250 ms and then waited (a model server slow on one frame) showed 0 meanwhile.
          pending = values;
          trailing ??= setTimeout(
            () => {
              trailing = undefined;
              const last = pending;
              pending = null;
              if (last) void inOrder(last).catch(() => {});
            },
            PROGRESS_MS - (now - lastWrite),
          );
          return;
        }
        pending = null;
        if (!(await inOrder(values))) throw stopHere();
      },
    };
    try {
      if (!(await write({ done: 0, message: null, result: null }))) throw stopHere();
      const result = await handler(ctx);
      // An attempt overtaken after its last progress call: its result is not the job's.
      if (!(await settle({ result: JSON.stringify(result ?? null) }))) throw stopHere();
      endMetric("done");
      return result;
    } catch (e) {
      const cancelled = e instanceof JobCancelledError;
      endMetric(cancelled ? "cancelled" : "failed");
      if (!cancelled) {
        const [firstLine = ""] = (e instanceof Error ? e.message : String(e)).split("\n");
        const message = firstLine.slice(0, 2000);
        const current = await settle({ message }).catch(() => false);
        // pg-boss retries a failed job while retry_count < retry_limit: a run that would fail
        // the same way again is failed now (pg-boss has no per-failure switch for this).
        if (current && e instanceof JobInputError)
          await sql`update pgboss.job set retry_limit = retry_count
            where name = ${kind} and id = ${attemptId}`.execute(store.db);
      }
      throw e;
    } finally {
      clearTimeout(trailing);
      running.delete(abort);
    }
  };

  /**
   * The row and pg-boss's state of its current attempt in one statement, so both are one snapshot.
   * Read one after the other, a reader polling a job saw the state of a moment after its row: a job
   * "failed" whose row still had the message cleared by the attempt's start, or "done" at 1 of 4 with
   * no result (seen in CI on PostgreSQL).
   */
  const record = async (jobId: string): Promise<JobRecord | undefined> => {
    if (!isJobId(jobId)) return undefined;
    const { rows } = await sql<Selectable<JobsTable> & { boss_state: JobState | null }>`
      select j.*, coalesce(
        (select b.state::text from pgboss.job b where b.name = j.kind and b.id = j.attempt_id::uuid),
        (select a.state::text from pgboss.archive a where a.name = j.kind and a.id = j.attempt_id::uuid)
      ) as boss_state
      from jobs j where j.id = ${jobId}`.execute(store.db);
    const [row] = rows;
    if (!row) return undefined;
    return jobRecord(row, row.boss_state ?? "failed");
  };

  const queue: JobQueue = {
    define(kind, handler) {
      if (handlers.has(kind)) throw new Error(`job kind "${kind}" is defined twice`);
      handlers.set(kind, handler as JobHandler<unknown>);
      if (started) void started.then(() => work(kind));
    },
    start() {
      started ??= (async () => {
        // Under the start-up lock: pg-boss 10's createQueue makes and attaches a partition table
        // without a lock of its own, and two servers starting together on a fresh database
        // deadlocked there (40P01, one server exited: seen in CI's two-server test).
        await withStartupLock(store.db, store.kind, async () => {
          await boss.start();
          for (const kind of handlers.keys()) await work(kind);
        });
        unwatch = watchJobCounts(() => countStates(store));
        store.onClose(() => queue.stop());
      })();
      return started;
    },
    async send(kind, data, owner) {
      await queue.start();
      // A server that does not run this kind may still queue it for those that do.
      if (!handlers.has(kind))
        await withStartupLock(store.db, store.kind, () =>
          boss.createQueue(kind, { name: kind, ...QUEUE_OPTIONS }),
        );
      // The row first: a server picking the job up at once finds its progress row.
      const jobId = crypto.randomUUID();
      await store.db
        .insertInto("jobs")
        .values({
          id: jobId,
          attempt_id: jobId,
          kind,
          project_id: owner.projectId,
          sequence_id: owner.sequenceId ?? null,
          created_by: owner.userId,
          input: JSON.stringify(data ?? null),
        })
        .execute();
      await boss.send(kind, data as object, { id: jobId });
      return must(await record(jobId), `job ${jobId}, just inserted`);
    },
    async get(jobId) {
      await queue.start();
      return record(jobId);
    },
    async cancel(jobId) {
      const job = await queue.get(jobId);
      if (!job) return undefined;
      const row = await store.db
        .selectFrom("jobs")
        .select("attempt_id")
        .where("id", "=", jobId)
        .executeTakeFirst();
      if (row) await boss.cancel(job.kind, row.attempt_id);
      return record(jobId);
    },
    async retry(jobId) {
      const job = await queue.get(jobId);
      if (!job || (job.state !== "failed" && job.state !== "cancelled")) return job;
      const row = await store.db
        .selectFrom("jobs")
        .select("attempt_id")
        .where("id", "=", jobId)
        .executeTakeFirst();
      if (!row) return undefined;
      // The row names the new attempt before pg-boss can hand it out; of two retries at once, the
      // one that swaps the row's attempt sends it, the other changes nothing.
      const attemptId = crypto.randomUUID();
      const swapped = await store.db
        .updateTable("jobs")
        .set({
          attempt_id: attemptId,
          done: 0,
          message: null,
          result: null,
          updated_at: new Date().toISOString(),
        })
        .where("id", "=", jobId)
        .where("attempt_id", "=", row.attempt_id)
        .executeTakeFirst();
      if (swapped.numUpdatedRows > 0n) await boss.send(job.kind, job.input as object, { id: attemptId });
      return record(jobId);
    },
    async stop() {
      if (!started || stopped) return;
      stopped = true;
      unwatch();
      await started.catch(() => {});
      for (const abort of running) abort.abort();
      await boss.stop({ graceful: true, timeout: deps.stopGraceMs ?? 2000, wait: true });
    },
  };
  return queue;
}

/** Jobs per queue and state in the whole deployment (every server's), from pg-boss's table, for /metrics. */
async function countStates(store: Database): Promise<Array<{ queue: string; state: string; n: number }>> {
  const { rows } = await sql<{ queue: string; state: string; n: number }>`
    select name as queue, state::text as state, count(*)::int as n from pgboss.job group by 1, 2`.execute(
    store.db,
  );
  return rows;
}
