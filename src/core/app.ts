import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger, type Db } from './db/open.js';
import { UnitOfWork } from './db/unit-of-work.js';
import { Checkpointer, type CheckpointerOptions } from './db/checkpointer.js';
import { Journal } from './journal/journal.js';
import { Settings } from './settings/settings.js';
import { Catalog } from './catalog/catalog.js';
import { Shifts } from './shifts/shifts.js';
import { CartStore } from './sales/cart.js';
import { SalesLedger } from './sales/ledger.js';
import { FiscalFlow } from './sales/fiscal-flow.js';
import { Sessions } from './users/sessions.js';
import { EventBus } from './events.js';
import { createDispatcher, type Dispatcher } from './rpc/dispatcher.js';
import type { Handlers } from './rpc/context.js';
import type { Devices } from './ports/devices.js';
import type { DeviceManager, DeviceSet } from './ports/device-manager.js';
import { FixedDevices } from './devices/fixed.js';
import { deviceHandlers } from './devices/commands.js';
import { VirtualPrinter } from './ports/virtual-printer.js';
import type { Services } from './services.js';
import { packageRoot } from './paths.js';
import { uuidv7 } from '../shared/ids.js';
import { setupHandlers } from './setup/commands.js';
import { userHandlers } from './users/commands.js';
import { catalogHandlers } from './catalog/commands.js';
import { shiftHandlers } from './shifts/commands.js';
import { salesHandlers } from './sales/commands.js';
import { journalHandlers } from './journal/commands.js';
import { CatalogAdmin } from './catalog/admin.js';
import { PriceBook } from './prices/price-book.js';
import { DraftStore } from './stock/drafts.js';
import { StockLedger } from './stock/ledger.js';
import { Stocktakes } from './stock/stocktake.js';
import { Reports } from './reports/reports.js';
import { ReadWorker } from './db/read-worker.js';
import { WriteQueue } from './rpc/write-queue.js';
import { catalogAdminHandlers } from './catalog/admin-commands.js';
import { stockHandlers } from './stock/commands.js';
import { priceHandlers } from './prices/commands.js';
import { reportHandlers } from './reports/commands.js';
import { FileStore } from './files/files.js';
import { fileHandlers } from './files/commands.js';
import { tagHandlers } from './tags/commands.js';
import { importHandlers } from './imports/commands.js';
import { exportHandlers } from './exports/commands.js';

export interface CoreOptions {
  dataDir: string;
  clock?: () => Date;
  /** devices handed over ready-made (tests, the ledger alone); a scale or a pole display optional */
  devices?: Devices & Partial<Pick<DeviceSet, 'scale' | 'display'>>;
  /** devices built from the settings (src/compose); wins over `devices` */
  deviceManager?: DeviceManager;
  /** validate every handler's output against the contract (tests) */
  checkOutputs?: boolean;
  log?: (err: unknown) => void;
  /** when the background checkpoints run and when the WAL is started over (tests) */
  checkpoints?: CheckpointerOptions;
}

export interface Core extends Dispatcher {
  /** settles documents a crash left between the registrar and the ledger; call once at start-up */
  reconcile(): Promise<number>;
  /** resolves once what the writes answered so far set off (events, printing, the drawer) has run: it follows their answers */
  settled(): Promise<void>;
  events: EventBus;
  services: Services;
  ledgerFile: string;
  /** Closes the ledger at once; settles when the worker threads have ended too (before its files are copied or moved). */
  close(): Promise<void>;
}

export const LEDGER_FILE = 'lavka.sqlite';
/** the report rollup: derived from the ledger, rebuilt from it whenever it is missing or stale */
export const ROLLUP_FILE = 'reports-rollup.sqlite';

export function ledgerPath(dataDir: string): string {
  return join(dataDir, LEDGER_FILE);
}

export function migrationsDir(): string {
  return join(packageRoot(), 'migrations', 'till');
}

/** One core for every transport: Electron IPC, browser mode over HTTP, and tests in memory. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((err: unknown) => console.error(err));
  mkdirSync(join(options.dataDir, 'backups'), { recursive: true });
  const file = ledgerPath(options.dataDir);
  const db: Db = openLedger(file, migrationsDir(), join(options.dataDir, 'backups'));
  const settings = new Settings(db);
  let tillId = settings.get('tillId');
  if (!tillId) {
    tillId = uuidv7();
    settings.set('tillId', tillId);
  }
  const checkpointer = new Checkpointer(db, file, options.checkpoints);
  const uow = new UnitOfWork(db, () => checkpointer.wrote(), () => checkpointer.beforeWrite());
  const tx = <T>(fn: () => T): T => uow.tx(fn);
  const journal = new Journal(db, tillId, clock);
  const virtual = new VirtualPrinter();
  const events = new EventBus((send) => uow.afterCommit(send));
  const given = options.devices ?? { printer: virtual, drawer: virtual, fiscal: null };
  const deviceManager = options.deviceManager ?? new FixedDevices({ scale: null, display: null, labelPrinter: null, ...given });
  // a view that reads the manager at every use: saving the settings swaps the devices under it
  const devices: DeviceSet = {
    get printer() { return deviceManager.current().printer; },
    get drawer() { return deviceManager.current().drawer; },
    get fiscal() { return deviceManager.current().fiscal; },
    get scale() { return deviceManager.current().scale; },
    get display() { return deviceManager.current().display; },
    get labelPrinter() { return deviceManager.current().labelPrinter; },
  };
  const catalog = new Catalog(db, settings);
  const carts = new CartStore(db);
  const ledger = new SalesLedger(db, journal, clock);
  const prices = new PriceBook(db, journal, clock);
  const reads = new ReadWorker(file, join(options.dataDir, ROLLUP_FILE));
  const catalogAdmin = new CatalogAdmin(db, journal, catalog, prices, clock, reads);
  const stock = new StockLedger(db, journal, catalogAdmin, clock);
  const reports = new Reports(reads, clock);
  // the rollup catches up with the history at start, in the worker, so the first report is quick
  reports.rollup.catchUp().catch(() => undefined);
  const writes = new WriteQueue(uow, log);
  const services: Services = {
    write: (job) => writes.run(job),
    writeAlone: (job) => writes.run(async () => {
      uow.checkpoint();
      try {
        return await job();
      } catch (err) {
        uow.discard();
        throw err;
      }
    }),
    db, tx, clock, journal, settings, events, catalog, carts, ledger, devices, deviceManager, catalogAdmin, prices, stock, reads,
    drafts: new DraftStore(db, catalog, clock),
    stocktakes: new Stocktakes(db, catalog, stock, clock),
    reports,
    files: new FileStore(options.dataDir),
    afterCommit: (effect) => uow.afterCommit(effect),
    checkpoint: () => uow.checkpoint(),
    shifts: new Shifts(db),
    fiscal: new FiscalFlow(db, tx, () => uow.checkpoint(), () => devices.fiscal, ledger, carts, settings, catalog, clock),
    sessions: new Sessions(db, journal, settings, clock, tx),
    deviceTrouble: (device, err) => {
      const problem = err instanceof Error ? err.message : String(err);
      events.emit('device.problem', { device, problem });
      log(new Error(`${device}: ${problem}`));
    },
  };
  const handlers: Handlers = {
    ...setupHandlers(services),
    ...userHandlers(services),
    ...catalogHandlers(services),
    ...shiftHandlers(services),
    ...salesHandlers(services),
    ...journalHandlers(services),
    ...catalogAdminHandlers(services),
    ...stockHandlers(services),
    ...priceHandlers(services),
    ...reportHandlers(services),
    ...fileHandlers(services),
    ...tagHandlers(services),
    ...importHandlers(services),
    ...exportHandlers(services),
    ...deviceHandlers(services),
  };
  const dispatcher = createDispatcher(handlers, services.sessions, writes, options.checkOutputs ?? false, log);
  // price documents dated ahead take effect on their own: at start, and checked every half minute
  tx(() => prices.applyDue());
  const priceTimer = setInterval(() => void writes.run(() => tx(() => prices.applyDue())).catch(log), 30_000);
  priceTimer.unref();
  return {
    ...dispatcher,
    reconcile: () => services.fiscal.reconcile(),
    settled: () => writes.settled(),
    events,
    services,
    ledgerFile: file,
    close: () => {
      // a receipt paid just before closing is still printed
      writes.runEffects();
      clearInterval(priceTimer);
      // the threads end on their own time; whoever touches the files next waits for them
      const threads = Promise.all([checkpointer.close(), reads.close()]);
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // a reader still holds the WAL: the next start checkpoints it
      }
      db.close();
      return threads.then(() => undefined);
    },
  };
}
