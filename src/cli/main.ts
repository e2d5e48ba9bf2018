import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { defaultDataDir } from './data-dir.js';
import { startBrowserMode } from './serve.js';
import { openReader } from '../core/db/open.js';
import { verifyLedger } from '../core/verify.js';
import { ledgerPath, migrationsDir } from '../core/app.js';
import { packageRoot } from '../core/paths.js';
import { deviceCommand } from './device.js';
import { barcodeCommand } from './barcode.js';
import { exportCommand, importCommand } from './exchange.js';
import { readDeviceSettings } from './device-settings-file.js';

const USAGE = `lavka — point of sale and back office

  lavka start                      the desktop app (Electron); browser mode where Electron is missing
  lavka serve [--data DIR] [--port N] [--host 127.0.0.1] [--demo] [--lang ru|en] [--key KEY] [--devices auto|none|FILE]
                                   browser mode: prints "ready <url>" when it listens; --devices FILE saves the
                                   device settings in FILE (JSON, as the devices tab writes them) and uses them
  lavka verify [--data DIR]        check the ledger: schema, balances, hash chain (exit 0 when sound)
  lavka device list | fiscal status | printer test | scale read | simulate fiscal|printer|scale|scanner
                                   the till's devices and their simulators (lavka device --help)
  lavka barcode parse CODE         what a scanned code is: JSON of its kind and fields
  lavka import catalog FILE... [--data DIR] [--skip-bad] [--map field=column,...]
                                   CSV, XLSX or 1C CommerceML into the catalogue (all or nothing)
  lavka export catalog|stock|sales --format csv|xlsx [--data DIR] [-o FILE] [--from D --to D]
`;

async function serveCommand(argv: string[], demoByDefault: boolean): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' }, port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: demoByDefault }, lang: { type: 'string' }, key: { type: 'string' },
      devices: { type: 'string', default: 'auto' },
    },
  });
  const devices = values.devices === 'auto' || values.devices === 'none' ? values.devices : readDeviceSettings(values.devices);
  const lang = values.lang === 'ru' || values.lang === 'en' ? values.lang : null;
  if (values.lang && !lang) throw new Error('--lang is ru or en');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port is a number from 0 to 65535');
  const { till, served } = await startBrowserMode({
    data: resolve(values.data ?? defaultDataDir()), host: values.host, port, demo: values.demo, lang, devices, ...(values.key ? { key: values.key } : {}),
  });
  console.log(`ready ${served.url}`);
  const stop = async () => {
    await served.close();
    await till.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function verifyCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const file = ledgerPath(resolve(values.data ?? defaultDataDir()));
  if (!existsSync(file)) {
    console.error(`no ledger at ${file}`);
    return 2;
  }
  const db = openReader(file);
  try {
    const report = verifyLedger(db, migrationsDir());
    if (values.json) console.log(JSON.stringify(report));
    else {
      console.log(`schema ${report.schema}, ${report.sales} receipts, ${report.journal} journal rows`);
      for (const p of report.problems) console.log(`problem: ${p}`);
      console.log(report.ok ? 'ledger is sound' : `${report.problems.length} problems`);
    }
    return report.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

/**
 * The installed Electron binary, or null. Read from the package's path.txt rather than
 * require('electron'), which would try to download a missing binary.
 */
function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The desktop app where the Electron binary exists; otherwise one line, and browser mode. */
function startCommand(argv: string[]): void {
  const electron = electronBinary();
  if (electron) {
    const child = spawn(electron, [join(packageRoot(), 'dist', 'electron', 'main.mjs'), ...argv], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log('Electron is not installed here (no binary): starting browser mode instead — open the ready URL in a browser.');
  void serveCommand(argv, true);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'serve':
      return serveCommand(rest, false);
    case 'start':
      return startCommand(rest);
    case 'verify':
      process.exitCode = verifyCommand(rest);
      return;
    case 'device':
      process.exitCode = await deviceCommand(rest);
      return;
    case 'import':
      process.exitCode = await importCommand(rest);
      return;
    case 'export':
      process.exitCode = await exportCommand(rest);
      return;
    case 'barcode':
      process.exitCode = barcodeCommand(rest);
      return;
    default:
      console.log(USAGE);
      process.exitCode = command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
