import { defineConfig } from "vitest/config";

/** Compiles the WebAssembly kernels the decoders import, unless they are up to date (workers/decode/README.md). */
const KERNELS = "workers/decode/wasm/buildKernels.ts";

// Three kinds of test, one command: unit (pure code), integration (server against PGlite and,
// when TEST_DATABASE_URL is set, real PostgreSQL), browser (real Chromium against the built app).
export default defineConfig({
  test: {
    root: ".",
    // The one summary line for real-data tests skipped in a checkout without ../shared/data.
    reporters: ["default", "./scripts/testing/realDataReporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          root: ".",
          include: [
            "core/**/*.test.ts",
            "workers/**/*.test.ts",
            "client/**/*.test.{ts,tsx}",
            "sample-data/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          environment: "node",
          globalSetup: [KERNELS],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          root: ".",
          include: ["server/**/*.test.ts"],
          // *.pg.test.ts need a real PostgreSQL (TEST_DATABASE_URL): outside CI, a checkout without
          // one leaves them out; in CI they are always in, and fail without it.
          exclude: process.env.TEST_DATABASE_URL || process.env.CI ? [] : ["server/**/*.pg.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "browser",
          root: ".",
          include: ["e2e/**/*.e2e.ts"],
          environment: "node",
          globalSetup: [KERNELS, "e2e/globalSetup.ts"],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // A page answers within a second on a quiet machine, not on a busy 2-core one; the locators'
          // own waits allow 30 s, and expect.poll's default of 1 s failed the upload journey there.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
