import { app, BrowserWindow, ipcMain, net, protocol, screen, session, type Rectangle } from 'electron';
import { join, normalize } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { forwardEvents, registerIpc } from '../src/transport/ipc/register.js';
import { openTill } from '../src/compose/open-till.js';
import { APP_ORIGIN, harden, isAppUrl } from './security.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const uiDir = join(here, '..', 'ui');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

async function main(): Promise<void> {
  await app.whenReady();
  const opened = await openTill({ dataDir: process.env.LAVKA_DATA ?? join(app.getPath('userData'), 'data'), demo: false });
  const { core } = opened;

  // The UI is served from app://lavka/, never file://, so it has an origin the IPC check can trust.
  protocol.handle('app', async (request) => {
    const path = normalize(decodeURIComponent(new URL(request.url).pathname)).replace(/^([/\\])+/, '');
    const file = join(uiDir, path || 'index.html');
    if (!file.startsWith(uiDir)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });

  registerIpc(ipcMain, core, isAppUrl);
  const open = async (page: string, bounds: Partial<Rectangle>, fullscreen = false) => {
    const win = new BrowserWindow({
      ...bounds, title: 'Лавка', show: false, fullscreen,
      webPreferences: { preload: join(here, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
    });
    harden(win, session.defaultSession);
    const stop = forwardEvents(core, win.webContents);
    win.once('ready-to-show', () => win.show());
    win.on('closed', stop);
    await win.loadURL(`${APP_ORIGIN}/${page}`);
    return win;
  };
  const till = await open('index.html', { width: 1280, height: 800 });
  // closing the till's window ends the app, customer display and all
  till.on('closed', () => app.quit());
  // the customer display (the same UI, #/display) full screen on a second monitor, where there is one
  const primary = screen.getPrimaryDisplay();
  const second = screen.getAllDisplays().find((d) => d.id !== primary.id);
  if (second) await open('index.html#/display', second.bounds, true);
  app.on('window-all-closed', () => app.quit());
  app.once('will-quit', (event) => {
    // the devices' ports close before the process goes
    event.preventDefault();
    void opened.close().finally(() => app.exit(0));
  });
}

void main();
