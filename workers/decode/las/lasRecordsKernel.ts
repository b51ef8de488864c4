/**
 * The kernel of ../wasm/assembly/lasRecords.ts: X, Y, Z, intensity, return number,
 * classification and point source id of LAS records, bit for bit as the JavaScript loop.
 * Compiled once per thread; undefined where WebAssembly cannot be compiled (e.g. a page whose
 * CSP forbids it): the caller then decodes in JavaScript.
 */
export { type LasRecordsExports as LasRecordsKernel, lasRecordsKernel } from "../wasm/build/lasRecords";
