import { describe, expect, it } from "vitest";
import { inTurn } from "./inTurn";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("inTurn", () => {
  it("lets at most `limit` runs of one key hold a slot, in arrival order, and failures free theirs", async () => {
    const owner = {};
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const runs = Array.from({ length: 6 }, (_, i) =>
      inTurn(owner, "seq-a", 2, async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        running--;
        if (i === 1) throw new Error("batch 1 failed");
        return i;
      }),
    );
    // Settled at once, so batch 1's failure is handled when it happens.
    const outcomes = runs.map((r) =>
      r.then(
        () => "fulfilled",
        () => "rejected",
      ),
    );
    for (let step = 0; step < 6; step++) {
      await tick();
      gates.shift()?.();
    }
    const results = await Promise.all(outcomes);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
  });

  it("does not make one key wait for another's runs", async () => {
    const owner = {};
    let release!: () => void;
    const blocked = inTurn(owner, "seq-a", 1, () => new Promise<void>((r) => (release = r)));
    const queued = inTurn(owner, "seq-a", 1, async () => "a");
    expect(await inTurn(owner, "seq-b", 1, async () => "b")).toBe("b");
    release();
    await blocked;
    expect(await queued).toBe("a");
  });
});
