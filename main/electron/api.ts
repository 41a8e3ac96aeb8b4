// The one object the preload puts on `window.hallq`, and the IPC channels behind it.
// The renderer imports this file as a type only (eslint allows nothing else), so it imports nothing:
// the agent's status is restated here and main.ts checks the agent's own type is assignable to it.

/** What the agent on this PC reports: its hub link, its outbox and each attached device. */
export interface DeviceStatusView {
  readonly hub: 'connecting' | 'online' | 'offline' | 'refused';
  readonly hubMessage?: string;
  readonly outboxPending: number;
  readonly devices: readonly { readonly id: string; readonly kind: string; readonly online: boolean; readonly message?: string }[];
}

export interface HallqPreloadApi {
  /** The HallQ app's version (package.json). */
  readonly version: string;
  /** The local agent's status; undefined when this PC has no devices (no agent config). */
  deviceStatus(): Promise<DeviceStatusView | undefined>;
  /** Called on every status change; returns the unsubscribe function. */
  onDeviceStatus(listener: (status: DeviceStatusView) => void): () => void;
  /**
   * Leaves kiosk mode (windowed, closable) so staff reach the desktop; the kiosk page calls it after
   * the hub accepted the admin PIN. Resolves false in any window that is not a kiosk.
   */
  exitKiosk(): Promise<boolean>;
}

export const IPC = {
  /** invoke → DeviceStatusView | undefined */
  deviceStatus: 'hallq:device-status',
  /** main → renderer push of DeviceStatusView */
  deviceStatusChanged: 'hallq:device-status-changed',
  /** invoke → boolean */
  exitKiosk: 'hallq:exit-kiosk',
} as const;

/** The preload reads the version from its process arguments (a sandboxed preload cannot read files). */
export const VERSION_ARG = '--hallq-version=';
