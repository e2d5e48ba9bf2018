import type { Role } from '../../shared/roles.js';
import type { CommandName, CommandOutput, ParsedInput } from '../../shared/contract/commands.js';

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  token: string;
  user: SessionUser;
  startedAt: string;
}

export interface CallContext {
  /** the logged-in user; commands with a role permission never see null */
  user: SessionUser;
  session: Session | null;
  /** where the call came from (IP address, "ipc", "memory"): failed logins are limited per origin */
  origin: string;
  /**
   * Makes sure the action is allowed to `role`: either the user has it, or the
   * command's `override` PIN belongs to someone who does. Returns who approved it
   * (null when the user's own role sufficed). Throws `forbidden` otherwise.
   */
  authorize(role: Role, action: string): Promise<SessionUser | null>;
  /** set by the dispatcher when the command's declared role was met by an override */
  approver: SessionUser | null;
}

export type Handler<N extends CommandName> = (input: ParsedInput<N>, ctx: CallContext) => CommandOutput<N> | Promise<CommandOutput<N>>;
export type Handlers = { [N in CommandName]: Handler<N> };
