import { existsSync } from 'node:fs';
import { createCore, ledgerPath, type Core } from '../core/app.js';
import { openReader } from '../core/db/open.js';
import { createShop, DEMO_SHOP, DEMO_USERS } from '../core/setup/shop.js';
import { demoDevices, type DemoDevices } from '../../drivers/demo.js';

export interface OpenTillOptions {
  dataDir: string;
  /** create the demo shop in an empty data folder */
  demo: boolean;
  /** 'none' runs the ledger alone: no registrar (integration servers, benchmarks) */
  devices?: 'auto' | 'none';
  log?: (err: unknown) => void;
}

export interface OpenTill {
  core: Core;
  /** the demo's virtual devices, when the till runs the demo shop */
  demo: DemoDevices | null;
  close(): void;
}

/** Whether the folder holds the demo shop: one read of one setting, before the core opens for real. */
function isDemoFolder(dataDir: string, demo: boolean): boolean {
  if (!existsSync(ledgerPath(dataDir))) return demo;
  const db = openReader(ledgerPath(dataDir));
  try {
    const row = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'shop'").get();
    return row ? (JSON.parse(row.value) as { demo?: boolean }).demo === true : demo;
  } catch {
    // a ledger this version has not migrated yet: the core's own open says what is wrong with it
    return demo;
  } finally {
    db.close();
  }
}

/**
 * The one place a till process is put together (CLI browser mode and Electron alike):
 * the core on its data folder, the devices it drives, and the start-up reconciliation of
 * documents a crash left between the registrar and the ledger. The demo shop gets the
 * virtual Shtrih-M registrar (the real driver, in-process); a real shop gets its devices
 * from the device settings, and until they are set, sells without a registrar.
 */
export async function openTill(options: OpenTillOptions): Promise<OpenTill> {
  const demo = options.devices !== 'none' && isDemoFolder(options.dataDir, options.demo) ? demoDevices() : null;
  const core = createCore({ dataDir: options.dataDir, ...(demo ? { devices: demo.devices } : {}), ...(options.log ? { log: options.log } : {}) });
  if (options.demo && !core.services.settings.get('shop')) await createShop(core.services, DEMO_SHOP, DEMO_USERS, true);
  try {
    await core.reconcile();
  } catch (err) {
    // the registrar may be off: the pending document waits for the next sale, which reconciles first
    (options.log ?? console.error)(err);
  }
  return {
    core,
    demo,
    close() {
      core.close();
      demo?.close();
    },
  };
}
