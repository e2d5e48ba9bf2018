import type { Db } from './db/open.js';
import type { Journal } from './journal/journal.js';
import type { Settings } from './settings/settings.js';
import type { Catalog } from './catalog/catalog.js';
import type { Shifts, ShiftView } from './shifts/shifts.js';
import type { CartStore } from './sales/cart.js';
import type { SalesLedger } from './sales/ledger.js';
import type { Sessions } from './users/sessions.js';
import type { DeviceManager, DeviceSet } from './ports/device-manager.js';
import type { DeviceName } from '../shared/contract/devices.js';
import type { EventBus } from './events.js';
import type { FiscalFlow } from './sales/fiscal-flow.js';
import type { CatalogAdmin } from './catalog/admin.js';
import type { PriceBook } from './prices/price-book.js';
import type { DraftStore } from './stock/drafts.js';
import type { StockLedger } from './stock/ledger.js';
import type { Stocktakes } from './stock/stocktake.js';
import type { Reports } from './reports/reports.js';
import type { ReadWorker } from './db/read-worker.js';
import type { FileStore } from './files/files.js';
import { LavkaError } from '../shared/contract/errors.js';

/** Everything a command handler may use; built once in app.ts. */
export interface Services {
  db: Db;
  /** runs fn in one transaction: all of it or none; durable by the time the command is answered */
  tx: <T>(fn: () => T) => T;
  /**
   * Queues a write job behind the commands' writes (a background job: an import, prices falling due).
   * Its writes commit with the batch it runs in; an async job may yield between chunks.
   */
  write: <T>(job: () => T | Promise<T>) => Promise<T>;
  /**
   * The same for a job too large for a savepoint (an import): what its batch wrote before it is
   * committed first, so the job has a transaction of its own, and a throw from it rolls back its
   * writes alone. Memory stays flat however many pages it writes.
   */
  writeAlone: <T>(job: () => Promise<T>) => Promise<T>;
  /** runs an effect others can see (printing, the drawer) once what came before is committed */
  afterCommit: (effect: () => void) => void;
  /** makes what was written so far durable now, before a device is told about it */
  checkpoint: () => void;
  clock: () => Date;
  journal: Journal;
  settings: Settings;
  catalog: Catalog;
  catalogAdmin: CatalogAdmin;
  prices: PriceBook;
  drafts: DraftStore;
  stock: StockLedger;
  stocktakes: Stocktakes;
  reports: Reports;
  /** heavy reads on their own connection in a worker thread */
  reads: ReadWorker;
  /** uploads to import and files made for the user */
  files: FileStore;
  shifts: Shifts;
  carts: CartStore;
  ledger: SalesLedger;
  fiscal: FiscalFlow;
  sessions: Sessions;
  /** the devices as they are now (read at each use: saving the settings replaces them) */
  devices: DeviceSet;
  /** opens the devices the settings describe and knows how each one is */
  deviceManager: DeviceManager;
  events: EventBus;
  /** reports a device problem (event + log) without failing the command that caused it */
  deviceTrouble: (device: DeviceName, err: unknown) => void;
}

export function requireOpenShift(s: Services): ShiftView {
  const shift = s.shifts.current();
  if (!shift) throw new LavkaError('conflict', 'errors.noOpenShift');
  return shift;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The open shift, if it may still sell: 54-FZ ends a shift after 24 hours, and so does the till. */
export function requireTradingShift(s: Services): ShiftView {
  const shift = requireOpenShift(s);
  if (s.clock().getTime() - new Date(shift.openedAt).getTime() > DAY_MS) throw new LavkaError('conflict', 'errors.shiftOver24h');
  return shift;
}
