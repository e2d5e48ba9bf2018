import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger, type Db } from './db/open.js';
import { UnitOfWork } from './db/unit-of-work.js';
import { Checkpointer } from './db/checkpointer.js';
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

export interface CoreOptions {
  dataDir: string;
  clock?: () => Date;
  devices?: Devices;
  /** validate every handler's output against the contract (tests) */
  checkOutputs?: boolean;
  log?: (err: unknown) => void;
}

export interface Core extends Dispatcher {
  /** settles documents a crash left between the registrar and the ledger; call once at start-up */
  reconcile(): Promise<number>;
  events: EventBus;
  services: Services;
  ledgerFile: string;
  close(): void;
}

export const LEDGER_FILE = 'lavka.sqlite';

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
  const checkpointer = new Checkpointer(file);
  const uow = new UnitOfWork(db, () => checkpointer.wrote());
  const tx = <T>(fn: () => T): T => uow.tx(fn);
  const journal = new Journal(db, tillId, clock);
  const virtual = new VirtualPrinter();
  const events = new EventBus((send) => uow.afterCommit(send));
  const devices = options.devices ?? { printer: virtual, drawer: virtual, fiscal: null };
  const catalog = new Catalog(db, settings);
  const carts = new CartStore(db);
  const ledger = new SalesLedger(db, journal, clock);
  const services: Services = {
    db, tx, clock, journal, settings, events, catalog, carts, ledger, devices,
    afterCommit: (effect) => uow.afterCommit(effect),
    checkpoint: () => uow.checkpoint(),
    shifts: new Shifts(db),
    fiscal: new FiscalFlow(db, tx, () => uow.checkpoint(), devices.fiscal, ledger, carts, settings, catalog, clock),
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
  };
  const dispatcher = createDispatcher(handlers, services.sessions, uow, options.checkOutputs ?? false, log);
  return {
    ...dispatcher,
    reconcile: () => services.fiscal.reconcile(),
    events,
    services,
    ledgerFile: file,
    close: () => {
      void checkpointer.close();
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // a reader still holds the WAL: the next start checkpoints it
      }
      db.close();
    },
  };
}
