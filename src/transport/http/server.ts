import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Core } from '../../core/app.js';
import type { ErrorCode } from '../../shared/contract/errors.js';
import { openApiDocument } from './openapi.js';

const STATUS: Record<ErrorCode, number> = {
  validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, rejected: 422, locked: 423, internal: 500,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json', '.ico': 'image/x-icon',
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface ServeOptions {
  core: Core;
  host: string;
  port: number;
  /** the built UI (dist/ui); null serves the API only */
  uiDir: string | null;
  /** the connection key; a random one when not given */
  key?: string;
  version: string;
}

export interface Served {
  app: FastifyInstance;
  url: string;
  key: string;
  close(): Promise<void>;
}

function sameKey(given: string | undefined, key: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: the core over HTTP + WebSocket. Every request carries the connection
 * key (so another page in the same browser cannot drive the till), user sessions ride
 * on top as bearer tokens from auth.login.
 */
export async function serve(options: ServeOptions): Promise<Served> {
  const key = options.key ?? randomBytes(18).toString('base64url');
  // closing drops the connections: a browser left open on the till (its keep-alive, its event socket)
  // must not keep `lavka serve` from stopping
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024, forceCloseConnections: true });
  await app.register(websocket);
  const openapi = openApiDocument(options.version);

  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  app.get('/api/openapi.json', async () => openapi);

  app.post<{ Params: { command: string } }>('/api/:command', async (req, reply) => {
    if (!sameKey(req.headers['x-lavka-key'] as string | undefined, key)) {
      return reply.code(401).send({ error: { code: 'unauthenticated', message: 'errors.connectionKey' } });
    }
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    const r = await options.core.dispatch(req.params.command, req.body, { token, origin: req.ip });
    if (r.ok) return reply.send({ result: r.result });
    return reply.code(STATUS[r.error.code]).send({ error: r.error });
  });

  app.get<{ Querystring: { key?: string } }>('/api/events', { websocket: true }, (socket, req) => {
    if (!sameKey(req.query.key, key)) {
      socket.close(4401, 'connection key');
      return;
    }
    const off = options.core.events.on((name, payload) => socket.send(JSON.stringify({ name, payload })));
    socket.on('close', off);
  });

  if (options.uiDir) {
    const root = options.uiDir;
    app.get('/*', async (req, reply) => {
      const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^([/\\])+/, '');
      let file = join(root, path);
      if (!file.startsWith(root) || !(await stat(file).then((s) => s.isFile(), () => false))) file = join(root, 'index.html');
      reply.header('content-security-policy', CSP);
      reply.header('cache-control', file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable');
      return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(await readFile(file));
    });
  }

  const address = await app.listen({ host: options.host, port: options.port });
  const port = new URL(address).port;
  const shown = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    app, key,
    url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/?key=${key}`,
    close: () => app.close(),
  };
}
