/**
 * The one error shape every transport carries. `message` is an i18n key
 * (see shared/i18n), `details` fills its placeholders and says what was wrong.
 */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'rejected'
  | 'internal';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class LavkaError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${key}${Object.keys(details).length ? ' ' + JSON.stringify(details) : ''}`);
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.key, details: this.details };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
