import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract/commands.js';
import type { DispatchResult } from '../../shared/contract/bridge.js';
import type { ErrorBody } from '../../shared/contract/errors.js';

export class CommandError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

export type EventListener = (name: string, payload: unknown) => void;

/** How the page sends a raw command: Electron IPC or HTTP. */
export interface Transport {
  send(name: string, input: unknown, token: string | null): Promise<DispatchResult>;
  onEvent(listener: EventListener): () => void;
}

/** One typed client for every transport; it holds the session token after login. */
export class Connection {
  token: string | null = null;

  constructor(private readonly transport: Transport) {}

  async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const r = await this.transport.send(name, input, this.token);
    if (!r.ok) throw new CommandError(r.error);
    return r.result as CommandOutput<N>;
  }

  onEvent(listener: EventListener): () => void {
    return this.transport.onEvent(listener);
  }
}
