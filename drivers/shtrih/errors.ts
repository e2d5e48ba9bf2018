import { describeError } from './error-codes.js';
import { commandName } from './frame.js';

/** Every failure of this driver is one of these; `ru` is for the cashier's screen. */
export abstract class ShtrihError extends Error {
  abstract readonly ru: string;
}

/** The registrar understood the command and refused it with an error code. */
export class ShtrihDeviceError extends ShtrihError {
  readonly ru: string;
  readonly en: string;
  readonly source: 'fn' | 'kkt';
  constructor(
    readonly command: number,
    readonly errorCode: number,
  ) {
    const info = describeError(errorCode);
    super(`${commandName(command)}: ${info.en} (0x${errorCode.toString(16).padStart(2, '0')})`);
    this.name = 'ShtrihDeviceError';
    this.ru = info.ru;
    this.en = info.en;
    this.source = info.source;
  }
}

export type LinkFailure =
  /** nothing answered ENQ: cable, power, wrong port or baud rate */
  | 'no-connection'
  /** the registrar took the command (ACK) but its answer never arrived and it is idle now */
  | 'answer-lost'
  /** the line kept failing (NAKs, bad checksums) past the retry budget */
  | 'retries-exhausted';

export class ShtrihLinkError extends ShtrihError {
  readonly ru: string;
  constructor(
    readonly failure: LinkFailure,
    readonly command: number,
    /** true when the registrar may have executed the command: a fiscal outcome is then unknown */
    readonly mayHaveExecuted: boolean,
    detail: string,
  ) {
    super(`${commandName(command)}: ${failure}: ${detail}`);
    this.name = 'ShtrihLinkError';
    this.ru =
      failure === 'no-connection'
        ? 'Нет связи с ККТ: проверьте кабель, питание и порт'
        : failure === 'answer-lost'
          ? 'Ответ ККТ потерян: результат команды неизвестен'
          : 'Сбой обмена с ККТ: слишком много ошибок на линии';
  }
}

/** The answer came through the line intact but does not have the shape the command promises. */
export class ShtrihProtocolError extends ShtrihError {
  readonly ru = 'ККТ прислала ответ неожиданного формата';
  constructor(
    readonly command: number,
    detail: string,
  ) {
    super(`${commandName(command)}: malformed answer: ${detail}`);
    this.name = 'ShtrihProtocolError';
  }
}

/** The host asked for something the registrar cannot be asked (bad input caught before any byte is sent). */
export class ShtrihUsageError extends ShtrihError {
  readonly ru: string;
  constructor(message: string, ru: string) {
    super(message);
    this.name = 'ShtrihUsageError';
    this.ru = ru;
  }
}

/**
 * Closing a receipt may have produced a fiscal document that the host never
 * heard of. The sale must stay pending until it is reconciled against the
 * registrar's last document number (greater than `lastDocBefore` = it went through).
 */
export class FiscalOutcomeUnknownError extends ShtrihError {
  readonly ru = 'Неизвестно, пробит ли чек: сверьте с последним документом ККТ';
  constructor(
    readonly lastDocBefore: number,
    override readonly cause: ShtrihLinkError,
  ) {
    super(`receipt close outcome unknown (last document before: ${lastDocBefore}): ${cause.message}`);
    this.name = 'FiscalOutcomeUnknownError';
  }
}
