/**
 * Byte → text for the code pages a printer may be switched to. Node's TextDecoder
 * knows the WHATWG single-byte encodings (ibm866, windows-1251, koi8-r, iso-8859-5);
 * cp437, every printer's power-on default, is not one of them, so it is spelled out.
 */
export type SimCodePage = 'cp437' | 'cp866' | 'windows1251' | 'koi8r' | 'iso8859-5';

const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const WHATWG: Record<Exclude<SimCodePage, 'cp437'>, string> = {
  cp866: 'ibm866',
  windows1251: 'windows-1251',
  koi8r: 'koi8-r',
  'iso8859-5': 'iso-8859-5',
};

const tables = new Map<SimCodePage, string[]>();

/** The 256 characters of a code page, index = byte. */
export function codePageTable(cp: SimCodePage): string[] {
  const known = tables.get(cp);
  if (known) return known;
  let table: string[];
  if (cp === 'cp437') {
    table = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).concat([...CP437_HIGH]);
  } else {
    const all = new Uint8Array(256).map((_, i) => i);
    table = [...new TextDecoder(WHATWG[cp]).decode(all)];
  }
  if (table.length !== 256) throw new Error(`code page ${cp}: table has ${table.length} entries`);
  tables.set(cp, table);
  return table;
}

/** What ESC t n selects, per firmware family (see drivers/escpos/profiles.ts). */
export const FIRMWARE_CODE_PAGES = {
  /** Epson and the better clones (Xprinter, POS-5890 in the encoder library's tables) */
  epson: { 0: 'cp437', 17: 'cp866', 46: 'windows1251' },
  xprinter: { 0: 'cp437', 17: 'cp866', 23: 'windows1251' },
  /** cheaper firmwares that number the Cyrillic pages low */
  budget: { 0: 'cp437', 6: 'windows1251', 7: 'cp866' },
} as const satisfies Record<string, Record<number, SimCodePage>>;
