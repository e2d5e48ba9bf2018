import { concat } from '../../shtrih/binary.js';
import { DeviceRefusal, E, type RequestReader } from './request.js';

/** What the simulator says about a marking code (tag 2106 bits: checked and valid, locally and by the registry). */
const RESULT_VALID = 0x0f;
const RESULT_INVALID = 0x01;
/** tag 2004 local check status: checked, and (bit 1) the check code matched */
const LOCAL_VALID = 0b11;
const LOCAL_INVALID = 0b01;
/** tag 2100: the simulator calls every code a GS1 DataMatrix */
const KM_TYPE_GS1 = 5;

/** Codes that start with this fail the check: how a test gets a rejected code. */
export const INVALID_CODE_PREFIX = 'BAD';

interface Checked {
  code: string;
  valid: boolean;
}

/**
 * The marking-code part of the registrar (FF61 check, FF69 accept, FF67 bind),
 * kept simple: offline ("autonomous") checks, a code is good unless it starts
 * with INVALID_CODE_PREFIX, and the commands must come in their order.
 */
export class MarkingDesk {
  private checked: Checked | null = null;
  private readonly accepted = new Set<string>();

  reset(): void {
    this.checked = null;
    this.accepted.clear();
  }

  private verdict(code: string): Checked {
    return { code, valid: !code.startsWith(INVALID_CODE_PREFIX) };
  }

  private result(c: Checked): Uint8Array {
    // local status, reason (0 = checked in the FN), type, length of what follows, FN code, result
    return Uint8Array.of(c.valid ? LOCAL_VALID : LOCAL_INVALID, 0, KM_TYPE_GS1, 2, 0, c.valid ? RESULT_VALID : RESULT_INVALID);
  }

  /** FF61: planned status, mode, code length, TLV length, code, TLVs */
  check(r: RequestReader): Uint8Array {
    r.u8(); // planned status, tag 2003
    if (r.u8() !== 0) throw new DeviceRefusal(E.badParams);
    const codeLen = r.u8();
    const tlvLen = r.u8();
    const code = latin1(r.bytes(codeLen));
    r.bytes(tlvLen);
    if (codeLen === 0) throw new DeviceRefusal(E.badParams);
    this.checked = this.verdict(code);
    return this.result(this.checked);
  }

  /** FF69: 1 accepts the last checked code for the receipt, 0 rejects it */
  accept(decision: number): Uint8Array {
    const c = this.checked;
    if (!c) throw new DeviceRefusal(E.markingOrder);
    this.checked = null;
    if (decision === 1) this.accepted.add(c.code);
    return Uint8Array.of(c.valid ? RESULT_VALID : RESULT_INVALID);
  }

  /** FF67: binds a code to the last line; checks it on the spot if the host did not */
  bind(r: RequestReader): { answer: Uint8Array; code: string } {
    const len = r.u8();
    const code = latin1(r.bytes(len));
    if (len === 0) throw new DeviceRefusal(E.badParams);
    const head = Uint8Array.of(code.charCodeAt(0) & 0xff, code.charCodeAt(1) & 0xff, 0);
    if (this.accepted.has(code)) {
      this.accepted.delete(code);
      return { answer: head, code };
    }
    return { answer: concat(head, this.result(this.verdict(code))), code };
  }
}

/** Marking codes are printable ASCII plus GS (0x1D) separators. */
function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
