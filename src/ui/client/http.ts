import type { DispatchResult } from '../../shared/contract/bridge.js';
import type { ErrorBody } from '../../shared/contract/errors.js';
import type { EventListener, Transport } from './connection.js';

/** Browser mode: POST /api/<command> with the connection key, events over a WebSocket. */
export class HttpTransport implements Transport {
  private readonly listeners = new Set<EventListener>();
  private socket: WebSocket | null = null;

  constructor(private readonly key: string) {}

  async send(name: string, input: unknown, token: string | null): Promise<DispatchResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-lavka-key': this.key };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(`/api/${name}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'errors.offline' } };
    }
    const body = (await response.json()) as { result?: unknown; error?: ErrorBody };
    return response.ok ? { ok: true, result: body.result } : { ok: false, error: body.error ?? { code: 'internal', message: 'errors.offline' } };
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    this.connect();
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    if (this.socket) return;
    const url = new URL(`/api/events?key=${encodeURIComponent(this.key)}`, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (m) => {
      const { name, payload } = JSON.parse(String(m.data)) as { name: string; payload: unknown };
      for (const l of this.listeners) l(name, payload);
    };
    socket.onclose = () => {
      this.socket = null;
      if (this.listeners.size > 0) setTimeout(() => this.connect(), 1000);
    };
  }
}
