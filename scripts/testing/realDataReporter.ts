import type { Reporter, TestModule } from "vitest/node";
import { REAL_DATA_TAG, realDataPresent, realDataRequired, realDataSkipReason } from "./realData";

/** Counts the real-data tests that were skipped and says so in one line at the end of the run. */
export default class RealDataReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (realDataPresent || realDataRequired) return;
    let skipped = 0;
    for (const module of testModules)
      for (const test of module.children.allTests())
        if (test.fullName.includes(REAL_DATA_TAG) && test.result().state === "skipped") skipped++;
    if (skipped > 0) console.log(`\nReal-data tests: ${skipped} skipped because ${realDataSkipReason}.`);
  }
}
