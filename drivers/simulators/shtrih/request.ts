import { readUint } from '../../shtrih/binary.js';

/** Thrown inside a command handler: becomes the error byte of the answer. */
export class DeviceRefusal extends Error {
  constructor(readonly code: number) {
    super(`registrar error 0x${code.toString(16)}`);
  }
}

/** Error codes the simulator answers with (protocol v1.17 table). */
export const E = {
  badFormat: 0x01,
  fnState: 0x02,
  noData: 0x08,
  badParam: 0x09,
  tlvTooBig: 0x10,
  fnShiftOver24h: 0x16,
  badParams: 0x33,
  shiftOpen: 0x3c,
  paymentsShort: 0x45,
  notEnoughCash: 0x46,
  receiptTotalOverflow: 0x48,
  otherReceiptType: 0x49,
  receiptOpen: 0x4a,
  receiptBufferFull: 0x4b,
  nonCashTooBig: 0x4d,
  shiftOver24h: 0x4e,
  wrongPassword: 0x4f,
  receiptClosed: 0x55,
  awaitingContinue: 0x58,
  departmentRange: 0x63,
  noPaper: 0x6b,
  badMode: 0x73,
  zeroTotal: 0x8e,
  markingOrder: 0xa1,
} as const;

/** A cursor over a command's data; running short is a format error, as on the device. */
export class RequestReader {
  private at = 0;
  constructor(readonly data: Uint8Array) {}

  get remaining(): number {
    return this.data.length - this.at;
  }

  uint(width: number): number {
    if (this.at + width > this.data.length) throw new DeviceRefusal(E.badFormat);
    const v = readUint(this.data, this.at, width);
    this.at += width;
    return v;
  }

  u8(): number {
    return this.uint(1);
  }

  bytes(n: number): Uint8Array {
    if (this.at + n > this.data.length) throw new DeviceRefusal(E.badFormat);
    const v = this.data.slice(this.at, this.at + n);
    this.at += n;
    return v;
  }

  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }
}
