/**
 * Where a service command writes: stdout for results (JSON, receipts), stderr for
 * messages to a person. Commands take one of these, so tests read what was printed
 * without spying on the console.
 */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: CliOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** An error in how the command was called: the message and the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options. */
export function isParseArgsError(err: unknown): err is Error {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS');
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
