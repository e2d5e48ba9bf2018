import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrintDoc, PrintItem } from '../../src/core/ports/devices.js';
import { gtinCheckDigit, isValidGtin } from '../../src/shared/barcode/ean.js';
import type { CodePageChoice, PrinterProfile } from './profiles.js';
import { drawerKick, partialCut } from './commands.js';
import { concat } from '../bytes.js';

/**
 * PrintDoc → ESC/POS bytes. We lay the lines out ourselves (padding, truncation) the
 * same way the core's text rendering does, so the screen preview, the virtual printer
 * and the paper agree; the encoder does the bytes: code page, styles, barcodes, QR.
 */

export class RenderError extends Error {}

/**
 * Characters the Cyrillic code pages lack, replaced one for one (so the layout holds)
 * with what prints: cp866 has no guillemets, dashes or rouble sign, and shop data is
 * full of them. Anything else unknown prints as "?".
 */
const PRINTABLE_SUBSTITUTES: Record<string, string> = {
  '«': '"', '»': '"', '„': '"', '“': '"', '”': '"', '‘': "'", '’': "'", '‚': "'",
  '–': '-', '—': '-', '−': '-', '…': '.', '\u00a0': ' ', '₽': 'Р', '×': 'x',
};

/** Also: control characters in shop data would be read by the printer as commands. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f«»„“”‘’‚–—−…\u00a0₽×]/g, (ch) => PRINTABLE_SUBSTITUTES[ch] ?? ' ');
}

function fit(text: string, width: number): string {
  return text.length > width ? text.slice(0, width) : text;
}

function aligned(text: string, width: number, align: 'left' | 'center' | 'right' | undefined): string {
  const t = fit(text, width);
  const pad = width - t.length;
  if (align === 'center') return ' '.repeat(Math.floor(pad / 2)) + t;
  if (align === 'right') return ' '.repeat(pad) + t;
  return t;
}

/** The text of a pair line: left truncated so the right side (the amount) always shows. */
export function pairLine(left: string, right: string, width: number): string {
  const r = fit(right, width);
  const room = Math.max(width - r.length - 1, 0);
  const l = left.length > room ? left.slice(0, room) : left;
  return l + ' '.repeat(Math.max(width - l.length - r.length, 0)) + r;
}

function newEncoder(profile: PrinterProfile, codePage: CodePageChoice): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: profile.columns,
    newline: '\n',
    // the doc carries its own feed before the cut
    feedBeforeCut: 0,
    // only the one code page the printer is set up for: the encoder must not switch to others
    codepageMapping: { [codePage.encoding]: codePage.number },
  });
}

/** Largest module (2–4 dots) that keeps the symbol within the paper. */
function moduleWidth(modules: number, dots: number): 1 | 2 | 3 {
  const dotsPerModule = Math.floor(dots / modules);
  if (dotsPerModule >= 4) return 3;
  if (dotsPerModule >= 3) return 2;
  return 1; // encoder width 1 → GS w 2
}

function barcode(enc: ReceiptPrinterEncoder, item: Extract<PrintItem, { kind: 'barcode' }>, profile: PrinterProfile): void {
  if (item.symbology === 'ean13') {
    const data = item.data.length === 12 ? item.data + String(gtinCheckDigit(item.data)) : item.data;
    if (data.length !== 13 || !isValidGtin(data)) throw new RenderError(`not a valid EAN-13: ${item.data}`);
    // 12 digits: every clone computes the check digit itself, not all of them accept 13
    enc.barcode(data.slice(0, 12), 'ean13', { height: profile.barcodeHeight, width: moduleWidth(95 + 20, profile.dots), text: 'below' });
    return;
  }
  if (!/^[\x20-\x7e]+$/.test(item.data)) throw new RenderError(`CODE128 takes printable ASCII only: ${item.data}`);
  // "{B" selects code set B; a literal "{" is escaped as "{{" (ESC/POS GS k 73)
  const data = '{B' + item.data.replace(/\{/g, '{{');
  const modules = 11 * (item.data.length + 2) + 13 + 20;
  enc.barcode(data, 'code128', { height: profile.barcodeHeight, width: moduleWidth(modules, profile.dots), text: 'below' });
}

/** GS ( k with UTF-8 payload: the encoder sends QR data as ISO-8859-1, which loses Cyrillic. */
function qrRaw(data: string, size: number): number[] {
  const bytes = new TextEncoder().encode(data);
  const len = bytes.length + 3;
  return [
    0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, // model 2
    0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size, // module size
    0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31, // error level M
    0x1d, 0x28, 0x6b, len & 0xff, (len >> 8) & 0xff, 0x31, 0x50, 0x30, ...bytes,
    0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30, // print
    0x0a,
  ];
}

function item(enc: ReceiptPrinterEncoder, it: PrintItem, profile: PrinterProfile): void {
  const width = profile.columns;
  switch (it.kind) {
    case 'text': {
      const cols = it.double ? Math.floor(width / 2) : width;
      if (it.bold) enc.bold(true);
      if (it.double) enc.size(2, 2);
      enc.line(aligned(printable(it.text), cols, it.align));
      if (it.double) enc.size(1, 1);
      if (it.bold) enc.bold(false);
      return;
    }
    case 'pair':
      if (it.bold) enc.bold(true);
      enc.line(pairLine(printable(it.left), printable(it.right), width));
      if (it.bold) enc.bold(false);
      return;
    case 'rule':
      // ASCII dashes, not box drawing: the encoder would switch code page for those
      enc.line('-'.repeat(width));
      return;
    case 'barcode':
      enc.align('center');
      barcode(enc, it, profile);
      enc.align('left');
      return;
    case 'qr':
      enc.align('center');
      if (/^[\x20-\x7e]*$/.test(it.data)) enc.qrcode(it.data, { model: 2, size: profile.qrSize, errorlevel: 'm' });
      else enc.raw(qrRaw(it.data, profile.qrSize));
      enc.align('left');
      return;
    case 'feed':
      if (it.lines > 0) enc.newline(Math.min(it.lines, 20));
      return;
    case 'cut':
      // GS V 1 by hand: the encoder's cut() adds a line feed after it, blank paper atop the next receipt
      if (profile.cutter) enc.raw(partialCut());
      return;
  }
}

export interface RenderOptions {
  /** kick the drawer at the start, so it opens while the receipt prints */
  openDrawer?: boolean;
}

export function renderEscPos(doc: PrintDoc, profile: PrinterProfile, options: RenderOptions = {}): Uint8Array {
  const enc = newEncoder(profile, profile.codePage);
  enc.initialize().codepage(profile.codePage.encoding);
  if (options.openDrawer) enc.raw(drawerKick(profile.drawer));
  for (const it of doc.items) item(enc, it, profile);
  return enc.encode();
}

/** Pangram with every Russian letter, so a wrong code page shows at a glance. */
export const TEST_PANGRAM = 'Съешь же ещё этих мягких французских булок, да выпей чаю. ЁЖ №1';

/**
 * The code page test page: one Cyrillic line per candidate, each sent with its own
 * ESC t n and encoding. The owner reads off the number of the line that prints right
 * and saves it as the profile's code page. The labels are ASCII, so they print in any.
 */
export function renderCodePageTest(profile: PrinterProfile, candidates: readonly CodePageChoice[] = profile.codePageCandidates): Uint8Array {
  const width = profile.columns;
  const parts: Uint8Array[] = [];
  const head = newEncoder(profile, profile.codePage);
  head.initialize().bold(true).line(aligned('CODE PAGE TEST', width, 'center')).bold(false)
    .line(aligned(profile.name, width, 'left')).line('-'.repeat(width));
  parts.push(head.encode());
  for (const choice of candidates) {
    const enc = newEncoder(profile, choice);
    enc.line(fit(`ESC t ${choice.number} (${choice.encoding}):`, width)).codepage(choice.encoding);
    // wrap the pangram ourselves so every candidate prints the same lines
    for (let i = 0; i < TEST_PANGRAM.length; i += width) enc.line(TEST_PANGRAM.slice(i, i + width));
    enc.line('');
    parts.push(enc.encode());
  }
  const tail = newEncoder(profile, profile.codePage);
  tail.line('-'.repeat(width)).newline(3);
  if (profile.cutter) tail.raw(partialCut());
  parts.push(tail.encode());
  return concat(...parts);
}
