import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/openDatabase";
import { createThrowawayDatabase } from "../testing/createThrowawayDatabase";
import { createJobQueue } from "./createJobQueue";
import { must } from "../../core/model/must";

const adminUrl = process.env.TEST_DATABASE_URL;

// A *.pg.test.ts file: runs when TEST_DATABASE_URL is set. Two servers starting together on a fresh
// database both install pg-boss and create its queues (a partition table each): unlocked, one of
// them died with "deadlock detected" (CI, two-server test). Each round is a fresh database.
describe("two job queues starting together on a fresh PostgreSQL", () => {
  it("both start, five rounds out of five", async () => {
    for (let round = 0; round < 5; round++) {
      const db = await createThrowawayDatabase(must(adminUrl, "adminUrl"), "queuestart");
      const stores = await Promise.all([
        openDatabase({ databaseUrl: db.url, dataDir: "" }),
        openDatabase({ databaseUrl: db.url, dataDir: "" }),
      ]);
      try {
        const queues = stores.map((store) => {
          const queue = createJobQueue({ store });
          for (const kind of ["export", "prelabel", "reindex", "cleanup"])
            queue.define(kind, async () => null);
          return queue;
        });
        const outcomes = await Promise.allSettled(queues.map((q) => q.start()));
        expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason) : "started"))).toEqual([
          "started",
          "started",
        ]);
      } finally {
        for (const store of stores) await store.close();
        await db.drop();
      }
    }
  });
});
