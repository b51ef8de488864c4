/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" in the browser tests' build only (e2e/globalSetup.ts): components count their renders. */
  readonly VITE_COUNT_RENDERS?: string;
}
