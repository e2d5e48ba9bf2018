import { z } from 'zod';
import type { Role } from '../roles.js';

/**
 * Who may run a command. `public`: no login needed; `any`: any logged-in user;
 * a role: that role or above. `override`: a user below the role may still run it
 * when a manager-or-above types their PIN in on the spot (both go into the journal).
 */
export interface Permission {
  role: Role | 'public' | 'any';
  override?: boolean;
}

export interface CommandDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
  /** writes to the ledger: such commands run one at a time */
  mutates: boolean;
  summary: string;
}

export function command<I extends z.ZodType, O extends z.ZodType>(def: CommandDef<I, O>): CommandDef<I, O> {
  return def;
}

export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });

