import { createRoot } from 'react-dom/client';
import { Connection, type Transport } from './client/connection.js';
import { HttpTransport } from './client/http.js';
import { ipcTransport } from './client/ipc.js';
import { AppProvider } from './app-context.js';
import { App } from './app.js';
import { CustomerScreen } from './display/customer-screen.js';
import type { Lang } from '../shared/i18n/index.js';

/** Electron gives the page a bridge; in a browser the key comes with the URL `lavka serve` printed. */
function transport(): Transport {
  if (window.lavka) return ipcTransport(window.lavka);
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('key');
  if (fromUrl) {
    sessionStorage.setItem('lavka-key', fromUrl);
    params.delete('key');
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
  }
  return new HttpTransport(fromUrl ?? sessionStorage.getItem('lavka-key') ?? '');
}

async function boot(): Promise<void> {
  const conn = new Connection(transport());
  const status = await conn.call('setup.status', {}).catch(() => null);
  const lang: Lang = status?.lang ?? 'ru';
  document.documentElement.lang = lang;
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <AppProvider conn={conn} initialLang={lang}>
      {location.hash === '#/display' ? <CustomerScreen /> : <App />}
    </AppProvider>,
  );
}

void boot();
