/**
 * The two single-byte Cyrillic code pages on the wire: the registrar's own
 * command texts (item names, device name) are Windows-1251; TLV strings go
 * straight into the fiscal storage, which stores CP866 (FFD "Строка"); a
 * customer pole display shows CP866 too. Node can decode both but encodes neither, hence these small tables.
 * A character with no place in the page becomes '?': a receipt line must
 * still print rather than fail over an emoji.
 */

/** Upper half (0x80..0xFF) of Windows-1251; U+FFFD marks the one unused byte (0x98). */
const CP1251_HIGH =
  'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏ' +
  'ђ‘’“”•–—\uFFFD™љ›њќћџ' +
  '\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї' +
  '°±Ііґµ¶·ё№є»јЅѕї' +
  'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ' +
  'абвгдежзийклмнопрстуфхцчшщъыьэюя';

/** Upper half of CP866: letters, the box-drawing block and the tail. */
const CP866_HIGH =
  'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ' +
  'абвгдежзийклмноп' +
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'рстуфхцчшщъыьэюя' +
  'ЁёЄєЇїЎў°∙·√№¤■\u00A0';

interface CodePage {
  decode: string;
  encode: Map<string, number>;
}

function page(high: string): CodePage {
  if (high.length !== 128) throw new Error(`code page table has ${high.length} entries, not 128`);
  const encode = new Map<string, number>();
  for (let i = 0; i < 128; i++) {
    const ch = high.charAt(i);
    if (ch !== '\uFFFD') encode.set(ch, 0x80 + i);
  }
  return { decode: high, encode };
}

const CP1251 = page(CP1251_HIGH);
const CP866 = page(CP866_HIGH);

function encodeWith(cp: CodePage, text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (code < 0x80) out.push(code);
    else out.push(cp.encode.get(ch) ?? 0x3f);
  }
  return Uint8Array.from(out);
}

function decodeWith(cp: CodePage, bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : cp.decode.charAt(b - 0x80);
  return s;
}

export const encodeCp1251 = (text: string): Uint8Array => encodeWith(CP1251, text);
export const decodeCp1251 = (bytes: Uint8Array): string => decodeWith(CP1251, bytes);
export const encodeCp866 = (text: string): Uint8Array => encodeWith(CP866, text);
export const decodeCp866 = (bytes: Uint8Array): string => decodeWith(CP866, bytes);

/** A fixed-width or bounded text field: encoded, cut to `max` bytes (never mid-character: single-byte pages). */
export function cp1251Field(text: string, max: number): Uint8Array {
  return encodeCp1251(text).subarray(0, max);
}

/** Text fields end at the first NUL; the rest is padding. */
export function decodeCp1251Z(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decodeCp1251(nul < 0 ? bytes : bytes.subarray(0, nul));
}
