import { rmSync } from 'node:fs';
import type { OpenTill } from '../open-till.js';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract/commands.js';
import type { EventName, EventPayload } from '../../shared/contract/events.js';
import type { ErrorBody } from '../../shared/contract/errors.js';

/** For tests: a till process put together by compose on a fresh data folder, called as one user, its events heard. */
export class ComposedShop {
  token: string | null = null;
  readonly heard: { name: EventName; payload: unknown }[] = [];

  constructor(readonly dir: string, readonly till: OpenTill) {
    till.core.events.on((name, payload) => this.heard.push({ name, payload }));
  }

  send<N extends CommandName>(name: N, input: CommandInput<N>) {
    return this.till.core.dispatch(name, input, { token: this.token, origin: 'test' });
  }

  async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const r = await this.send(name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.result as CommandOutput<N>;
  }

  async fail<N extends CommandName>(name: N, input: CommandInput<N>): Promise<ErrorBody> {
    const r = await this.send(name, input);
    if (r.ok) throw new Error(`${name} succeeded: ${JSON.stringify(r.result)}`);
    return r.error;
  }

  async login(pin: string): Promise<void> {
    this.token = (await this.call('auth.login', { pin })).token;
  }

  events<N extends EventName>(name: N): EventPayload<N>[] {
    return this.heard.filter((e) => e.name === name).map((e) => e.payload as EventPayload<N>);
  }

  /** a device's status as the till shows it */
  state(device: string) {
    return this.till.devices?.status().find((d) => d.device === device);
  }

  async close(): Promise<void> {
    await this.till.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
