// The only thing a hub page sees of the app: window.hallq, one narrow typed object.
// Sandboxed (no Node): it may use only `electron`'s renderer parts; the version comes in process.argv.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, VERSION_ARG, type DeviceStatusView, type HallqPreloadApi } from './api.js';

const api = {
  version: process.argv.find((arg) => arg.startsWith(VERSION_ARG))?.slice(VERSION_ARG.length) ?? 'unknown',
  deviceStatus: () => ipcRenderer.invoke(IPC.deviceStatus) as Promise<DeviceStatusView | undefined>,
  onDeviceStatus(listener: (status: DeviceStatusView) => void) {
    const handler = (_event: IpcRendererEvent, status: DeviceStatusView) => listener(status);
    ipcRenderer.on(IPC.deviceStatusChanged, handler);
    return () => {
      ipcRenderer.removeListener(IPC.deviceStatusChanged, handler);
    };
  },
  exitKiosk: () => ipcRenderer.invoke(IPC.exitKiosk) as Promise<boolean>,
} satisfies HallqPreloadApi;

contextBridge.exposeInMainWorld('hallq', api);
