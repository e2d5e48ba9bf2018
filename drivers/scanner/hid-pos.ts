/**
 * USB HID POS scanners (HID Point of Sale Usage Tables 1.02, usage page 0x8C "Bar Code
 * Scanner"): no keyboard emulation, so no keyboard layout to garble the data. Each
 * decoded symbol arrives in one or more 64-byte input reports, the Scanned Data Report
 * as Honeywell and Access-IS lay it out (Access-IS LSR116/ATR110 manuals, "HID reports"):
 *
 *   0       report ID (2)
 *   1       length: data bytes in this report (0..56)
 *   2..4    AIM symbology identifier (']d2' GS1 DataMatrix, ']E0' EAN-13…), 0 where none
 *   5..60   data, zero-padded
 *   61      the vendor's own symbology identifier
 *   62      reserved
 *   63      bit 0: decoded data continued in the next report
 *
 * node-hid hands reports over with the report ID first, as here.
 */

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 2;

const DATA_AT = 5;
const MAX_DATA = 56;

export type HidPosReport =
  | { kind: 'scan'; symbology: string; data: Uint8Array; continued: boolean }
  /** another report of the device (status, attributes): not ours to read */
  | { kind: 'other'; reportId: number }
  | { kind: 'invalid'; why: string };

export function parseHidPosReport(report: Uint8Array, reportId = SCANNED_DATA_REPORT_ID): HidPosReport {
  if (report.length === 0) return { kind: 'invalid', why: 'empty report' };
  if (report[0] !== reportId) return { kind: 'other', reportId: report[0] ?? 0 };
  if (report.length < DATA_AT + 3) return { kind: 'invalid', why: `report of ${report.length} bytes` };
  const length = report[1] ?? 0;
  const room = Math.min(MAX_DATA, report.length - DATA_AT - 3);
  if (length > room) return { kind: 'invalid', why: `length ${length} over the ${room} data bytes of the report` };
  const aim = report.subarray(2, DATA_AT);
  return {
    kind: 'scan',
    symbology: aim[0] === 0 ? '' : String.fromCharCode(...aim),
    data: report.slice(DATA_AT, DATA_AT + length),
    continued: ((report[report.length - 1] ?? 0) & 0x01) === 1,
  };
}

/** Joins a symbol's reports into the code, byte for byte (Latin-1), GS separators and all. */
export class HidPosAssembler {
  private held: number[] = [];

  constructor(private readonly reportId = SCANNED_DATA_REPORT_ID) {}

  /** Takes one input report; returns the code once its last report is in. */
  push(report: Uint8Array): string | null {
    const r = parseHidPosReport(report, this.reportId);
    if (r.kind === 'other') return null;
    if (r.kind === 'invalid') {
      // a broken report spoils the symbol it belongs to; the next one starts clean
      this.held = [];
      return null;
    }
    this.held.push(...r.data);
    if (r.continued) return null;
    const code = String.fromCharCode(...this.held);
    this.held = [];
    return code === '' ? null : code;
  }
}
