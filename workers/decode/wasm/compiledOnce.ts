import { type WasmFunction, wasmModule } from "./wasmModule";

/**
 * A getter for a module of `functions` (see wasmModule), compiled and instantiated on first use
 * and then kept for the thread. It answers undefined where WebAssembly cannot be compiled (no
 * WebAssembly, or a page whose CSP forbids it): callers then fall back to JavaScript.
 * `T` describes the exports (the functions by name, and `memory`).
 */
export function compiledOnce<T>(functions: () => WasmFunction[], memoryPages = 1): () => T | undefined {
  let cached: T | null | undefined;
  return () => {
    if (cached !== undefined) return cached ?? undefined;
    cached = null;
    if (typeof WebAssembly !== "object") return undefined;
    try {
      const bytes = wasmModule(functions(), memoryPages);
      cached = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as T;
    } catch {
      // Compilation refused: the caller's JavaScript fallback.
    }
    return cached ?? undefined;
  };
}
