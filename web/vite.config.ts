// The web UI is built into web/dist and served by `dzherelo serve` from the same origin (strict CSP:
// scripts and styles only from 'self', so Vite must not inline anything).
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
  },
});
