import { createCore, type Core } from '../core/app.js';
import { createShop, DEMO_SHOP, DEMO_USERS } from '../core/setup/shop.js';
import { storeDeviceSettings } from '../core/devices/commands.js';
import type { DeviceSettings } from '../shared/contract/devices.js';
import { LiveDevices, type LiveDevicesOptions } from './devices/manager.js';
import { feedPoleDisplay } from './devices/pole-feed.js';

export interface OpenTillOptions {
  dataDir: string;
  /** create the demo shop in an empty data folder */
  demo: boolean;
  /**
   * 'auto': the devices as their settings say (the demo shop's simulators until set up);
   * 'none' runs the ledger alone, no registrar (integration servers, benchmarks);
   * settings: store these first, as the devices tab would (`lavka serve --devices FILE`)
   */
  devices?: 'auto' | 'none' | DeviceSettings;
  /** timings of the device drivers and the status poll (tests) */
  deviceOptions?: Omit<LiveDevicesOptions, 'onStatus' | 'onScan' | 'log'>;
  log?: (err: unknown) => void;
}

export interface OpenTill {
  core: Core;
  /** the devices built from the settings; null when the ledger runs alone */
  devices: LiveDevices | null;
  close(): Promise<void>;
}

/**
 * The one place a till process is put together (CLI browser mode and Electron alike):
 * the core on its data folder, the devices its settings describe, the pole display fed
 * from the till's events, and the start-up reconciliation of documents a crash left
 * between the registrar and the ledger.
 */
export async function openTill(options: OpenTillOptions): Promise<OpenTill> {
  const log = options.log ?? ((err: unknown) => console.error(err));
  // the devices speak through the core's events, and the core drives the devices: one of them is made first
  const late: { core?: Core } = {};
  const devices = options.devices === 'none' ? null : new LiveDevices({
    ...options.deviceOptions,
    log,
    // to every screen: the till's status strip; and the till screen takes the scans
    onStatus: (states) => late.core?.events.emit('devices.status', { devices: states }),
    onScan: (code) => late.core?.events.emit('scanner.scanned', { code }),
  });
  const core = createCore({ dataDir: options.dataDir, ...(devices ? { deviceManager: devices } : {}), log });
  late.core = core;
  const { services } = core;
  if (options.demo && !services.settings.get('shop')) await createShop(services, DEMO_SHOP, DEMO_USERS, true);
  if (typeof options.devices === 'object') storeDeviceSettings(services, options.devices, null);
  await devices?.apply(services.settings.devices());
  const stopPole = devices ? feedPoleDisplay(core.events, () => devices.current().display) : () => undefined;
  try {
    await core.reconcile();
  } catch (err) {
    // the registrar may be off: the pending document waits for the next sale, which reconciles first
    log(err);
  }
  void devices?.refresh().catch(log);
  return {
    core,
    devices,
    async close() {
      stopPole();
      core.close();
      await devices?.close();
    },
  };
}
