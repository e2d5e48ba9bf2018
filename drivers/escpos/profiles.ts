/**
 * Printer profiles as data. ESC/POS is a family, not a standard: the clones agree on
 * the basics but number their code pages differently, so the code page number
 * (ESC t n) is a setting, with the test page (see test-page.ts) to find it.
 */

/** Single-byte encodings we can send Cyrillic in; names as the encoder library spells them. */
export type CyrillicEncoding = 'cp866' | 'windows1251';

export interface CodePageChoice {
  /** n in ESC t n */
  number: number;
  encoding: CyrillicEncoding;
}

export interface PrinterProfile {
  id: string;
  name: string;
  paperMm: 58 | 80;
  /** characters per line in font A; 32 for 58 mm, 42 or 48 for 80 mm */
  columns: 32 | 42 | 48;
  /** printable width in dots, to size barcodes so they fit */
  dots: number;
  codePage: CodePageChoice;
  /** what the test page tries, in order; the owner picks the line that reads right */
  codePageCandidates: readonly CodePageChoice[];
  /** many 58 mm printers have no cutter: a cut becomes a plain feed */
  cutter: boolean;
  /** the drawer kick ESC p m t1 t2: pin 0 = connector pin 2, 1 = pin 5 */
  drawer: { pin: 0 | 1; onMs: number; offMs: number };
  /** answers DLE EOT n; cheap clones on a one-way link do not */
  realtimeStatus: boolean;
  /** QR module size 1–8 */
  qrSize: number;
  barcodeHeight: number;
}

/*
 * Where the numbers come from: Epson's ESC t table (17 = PC866, 46 = WPC1251); the
 * Xprinter and POS-5890 tables as the encoder library records them (17 = PC866,
 * 23 = WPC1251); and cheaper firmwares (MPT, Youku, Citizen) that put PC866 at 7 and
 * WPC1251 at 6. Plenty of Chinese clones also ship PC866 at 59.
 */
export const CYRILLIC_CANDIDATES: readonly CodePageChoice[] = [
  { number: 17, encoding: 'cp866' },
  { number: 7, encoding: 'cp866' },
  { number: 59, encoding: 'cp866' },
  { number: 46, encoding: 'windows1251' },
  { number: 23, encoding: 'windows1251' },
  { number: 6, encoding: 'windows1251' },
];

const PC866_17: CodePageChoice = { number: 17, encoding: 'cp866' };
const DRAWER = { pin: 0, onMs: 100, offMs: 500 } as const;

export const PROFILES = {
  'epson-80': {
    id: 'epson-80', name: 'Epson TM-T20/T88 (80 mm)', paperMm: 80, columns: 42, dots: 512,
    codePage: PC866_17, codePageCandidates: [PC866_17, { number: 46, encoding: 'windows1251' }],
    cutter: true, drawer: DRAWER, realtimeStatus: true, qrSize: 6, barcodeHeight: 60,
  },
  'xprinter-80': {
    id: 'xprinter-80', name: 'Xprinter XP-80/N160 (80 mm)', paperMm: 80, columns: 48, dots: 576,
    codePage: PC866_17, codePageCandidates: CYRILLIC_CANDIDATES,
    cutter: true, drawer: DRAWER, realtimeStatus: true, qrSize: 6, barcodeHeight: 60,
  },
  'xprinter-58': {
    id: 'xprinter-58', name: 'Xprinter XP-58 (58 mm)', paperMm: 58, columns: 32, dots: 384,
    codePage: PC866_17, codePageCandidates: CYRILLIC_CANDIDATES,
    cutter: false, drawer: DRAWER, realtimeStatus: true, qrSize: 4, barcodeHeight: 50,
  },
  'pos-5890': {
    id: 'pos-5890', name: 'POS-5890 and clones (58 mm)', paperMm: 58, columns: 32, dots: 384,
    codePage: PC866_17, codePageCandidates: CYRILLIC_CANDIDATES,
    cutter: false, drawer: DRAWER, realtimeStatus: true, qrSize: 4, barcodeHeight: 50,
  },
} as const satisfies Record<string, PrinterProfile>;

export type ProfileId = keyof typeof PROFILES;

/** A profile with the shop's own settings on top (code page found by the test page, 48 columns, …). */
export function profileWith(id: ProfileId, overrides: Partial<Omit<PrinterProfile, 'id'>> = {}): PrinterProfile {
  const base: PrinterProfile = PROFILES[id];
  return { ...base, ...overrides };
}
