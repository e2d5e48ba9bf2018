import { app, BrowserWindow, ipcMain, net, protocol, session } from 'electron';
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
  const till = await openTill({ dataDir: process.env.LAVKA_DATA ?? join(app.getPath('userData'), 'data'), demo: false });
  const { core } = till;

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
  const win = new BrowserWindow({
    width: 1280, height: 800, title: 'Лавка', show: false,
    webPreferences: { preload: join(here, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  harden(win, session.defaultSession);
  const stop = forwardEvents(core, win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('closed', stop);
  await win.loadURL(`${APP_ORIGIN}/index.html`);
  app.on('window-all-closed', () => {
    till.close();
    app.quit();
  });
}

void main();
