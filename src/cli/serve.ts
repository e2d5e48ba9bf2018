import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/paths.js';
import { serve, type Served } from '../transport/http/server.js';
import { openTill, type OpenTill } from '../compose/open-till.js';
import type { DeviceSettings } from '../shared/contract/devices.js';

export interface ServeArgs {
  data: string;
  host: string;
  port: number;
  demo: boolean;
  lang: 'ru' | 'en' | null;
  key?: string;
  devices: 'auto' | 'none' | DeviceSettings;
}

export function version(): string {
  return process.env.npm_package_version ?? '0.1.0';
}

/** Opens the core on a data folder (creating the demo shop when asked) and serves it over HTTP. */
export async function startBrowserMode(args: ServeArgs): Promise<{ till: OpenTill; served: Served }> {
  const till = await openTill({ dataDir: args.data, demo: args.demo, devices: args.devices });
  const { core } = till;
  if (args.lang) core.services.tx(() => core.services.settings.set('lang', args.lang ?? 'ru'));
  const uiDir = join(packageRoot(), 'dist', 'ui');
  const served = await serve({
    core, host: args.host, port: args.port, version: version(), key: args.key,
    uiDir: existsSync(join(uiDir, 'index.html')) ? uiDir : null,
  });
  return { till, served };
}
