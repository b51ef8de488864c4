import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The client lives in client/; the built app goes to dist/client, which the Hono server serves.
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  worker: { format: "es" },
  server: { proxy: { "/api": "http://localhost:8080" } },
});
