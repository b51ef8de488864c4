/**
 * A getter for one compiled kernel (a module buildKernels.ts generated from assembly/), compiled
 * and instantiated on first use and then kept for the thread. It answers undefined where
 * WebAssembly cannot compile it (no WebAssembly, iOS Lockdown Mode, a page whose CSP lacks
 * 'wasm-unsafe-eval', an engine without SIMD for a SIMD kernel): callers then fall back to
 * JavaScript. The exports are checked against what the compiler declared (each function present
 * with its number of parameters, and the memory) before they are handed out as `T`.
 */
export function kernelModule<T extends { memory: WebAssembly.Memory }>(
  name: string,
  base64: string,
  arities: Record<string, number>,
): () => T | undefined {
  let cached: T | null | undefined;
  return () => {
    if (cached !== undefined) return cached ?? undefined;
    cached = null;
    if (typeof WebAssembly !== "object") return undefined;
    let exports: WebAssembly.Exports;
    try {
      exports = new WebAssembly.Instance(new WebAssembly.Module(bytesOf(base64))).exports;
    } catch {
      return undefined; // Compilation refused: the caller's JavaScript fallback.
    }
    for (const [fn, arity] of Object.entries(arities)) {
      const value = exports[fn];
      if (typeof value !== "function" || value.length !== arity) {
        throw new Error(`kernel ${name}: export ${fn} is not a function of ${arity} parameters`);
      }
    }
    if (!(exports.memory instanceof WebAssembly.Memory))
      throw new Error(`kernel ${name}: no exported memory`);
    cached = exports as T;
    return cached;
  };
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
