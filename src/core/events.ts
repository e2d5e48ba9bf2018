import type { EventName, EventPayload } from '../shared/contract/events.js';

export type Listener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** Fans core events out to every transport's subscribers. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  /** `defer` holds an event back until what caused it is committed */
  constructor(private readonly defer: (send: () => void) => void = (send) => send()) {}

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    this.defer(() => this.send(name, payload));
  }

  /** An event about work under way (progress), not about anything written: it goes out at once. */
  emitNow<N extends EventName>(name: N, payload: EventPayload<N>): void {
    this.send(name, payload);
  }

  private send<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}
