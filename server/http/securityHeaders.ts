import { secureHeaders } from "hono/secure-headers";

/**
 * Security headers for the API and the client. The CSP allows the WebAssembly decoders
 * ('wasm-unsafe-eval'), the module workers (same origin; blob: for Vite's worker fallback), blob:
 * and data: images, and no framing (frame-ancestors 'none', X-Frame-Options DENY).
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      workerSrc: ["'self'", "blob:"],
      imgSrc: ["'self'", "blob:", "data:"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      connectSrc: ["'self'", "blob:", "data:"],
      fontSrc: ["'self'", "data:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "same-origin",
    xContentTypeOptions: "nosniff",
    xFrameOptions: "DENY",
    // Over plain http on a LAN a max-age would do nothing useful; a TLS proxy sets HSTS itself.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
