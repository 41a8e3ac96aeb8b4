// Vite handles stylesheet imports; TypeScript only needs to know they exist.
declare module '*.css';

interface Window {
  /** Inside the HallQ app (Electron) only: the app version and this PC's device status. */
  readonly hallq?: import('../../main/electron/api.js').HallqPreloadApi;
}
