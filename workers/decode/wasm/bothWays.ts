/**
 * For tests of a WebAssembly fast path: runs `read` with the kernel (toggle.on = true) and again
 * without it (the JavaScript fallback), where the test file's vi.mock makes the kernel getter
 * answer undefined while toggle.on is false.
 */
export function bothWays<T>(toggle: { on: boolean }, read: () => T): { viaWasm: T; viaJs: T } {
  toggle.on = true;
  const viaWasm = read();
  toggle.on = false;
  try {
    return { viaWasm, viaJs: read() };
  } finally {
    toggle.on = true;
  }
}
