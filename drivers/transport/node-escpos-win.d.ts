// node-escpos-win 1.0.15 ships no types. Its real exports (read from the package, see
// /work/shared/HARDWARE.md); the README's GetUsbDeviceList does not exist.
declare module 'node-escpos-win' {
  export interface EscposWinDevice {
    name: string;
    /** 'usbprint' for USB printers handled by Windows' own printer class driver. */
    service: string;
    manufacturer: string;
    location: string;
    /** Device interface path, e.g. \\?\usb#vid_0483&pid_5720#...#{28d78fad-5a12-11d1-ae5b-0000f803a8c2} */
    path: string;
  }
  export interface EscposWinDeviceList {
    list: EscposWinDevice[];
    number: number;
    success?: boolean;
    err?: string;
    /** Set instead of `err` by the non-Windows stub. */
    error?: string;
  }
  export interface EscposWinResult {
    success?: boolean;
    err?: string;
    error?: string;
  }
  export function GetDeviceList(type: 'USB' | 'COM' | 'LPT'): EscposWinDeviceList;
  /** Synchronous: blocks the event loop until Windows took the bytes. The handle is kept per path. */
  export function Print(path: string, content: Buffer): EscposWinResult;
  export function Disconnect(path: string): boolean | EscposWinResult;
}
