// The renderer: one Vite multi-page build, one HTML entry per role. Run from the repo root:
// `vite build --config renderer/vite.config.ts` → renderer/dist, served by the hub (main/hub/http.ts).
// No Node imports here (the renderer lint rule); paths come from import.meta.url.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const here = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);
export const pages = ['index', 'kiosk', 'counter', 'display', 'window', 'pad', 'ticket', 'book'] as const;

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [preact()],
  // Halls run offline: nothing is fetched from a CDN, fonts come from the OS (Noto CJK / Microsoft YaHei).
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, here(p === 'index' ? './index.html' : `./${p}/index.html`)])),
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true } } },
});
