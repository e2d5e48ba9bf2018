import { parseArgs } from 'node:util';
import { classifyBarcode, type BarcodeKind } from '../shared/barcode/classify.js';
import { formatGs1, GS, humanReadable } from '../shared/barcode/gs1.js';
import { consoleOutput, isParseArgsError, json, type CliOutput } from './output.js';

export const BARCODE_USAGE = `lavka barcode — what a scanned code is

  lavka barcode parse CODE    prints JSON: kind (ean13, ean8, upc, weight, datamatrix, unknown) and
                              its fields (GTIN, serial, weight, crypto key/code/tail, price…);
                              exit 0 for a recognised code, 1 for an unknown one (with the reason)

  The GS separator of a GS1 / marking code may be typed as \\x1d, \\u001d or <GS>;
  a code whose GS was lost is recovered from the known Честный ЗНАК layouts.
  Quote the code: marking codes contain shell characters ("'<>&;).
`;

/** The GS separator as a shell user can type it: \x1d, \u001d, <GS>. Backslash is not a GS1 character, so this is safe. */
export function unescapeGs(arg: string): string {
  return arg.replace(/\\x1d|\\u001d|<GS>/gi, GS);
}

/** classifyBarcode's answer, flattened for a person reading JSON. */
export function describeBarcode(kind: BarcodeKind): Record<string, unknown> {
  switch (kind.kind) {
    case 'ean13':
    case 'ean8':
      return { kind: kind.kind, code: kind.code };
    case 'upc':
      return { kind: 'upc', code: kind.code, ean13: kind.ean13 };
    case 'weight':
      return { kind: 'weight', code: kind.code, plu: kind.plu, weightGrams: kind.weight, weightKg: (kind.weight / 1000).toFixed(3) };
    case 'datamatrix': {
      const { gs1 } = kind;
      return {
        kind: 'datamatrix',
        code: kind.code,
        gtin: kind.gtin,
        ean13: kind.ean13,
        ...gs1.fields,
        layout: gs1.layout,
        recovered: gs1.recovered,
        symbology: gs1.symbology,
        elements: gs1.elements,
        humanReadable: humanReadable(gs1.elements),
        // what goes to the registrar (FF61/FF67): no prefix, GS only where a variable field ends
        canonical: formatGs1(gs1.elements),
      };
    }
    case 'unknown':
      return { kind: 'unknown', code: kind.code, reason: kind.reason };
  }
}

/** `lavka barcode …`; returns the exit code. */
export function barcodeCommand(argv: string[], io: CliOutput = consoleOutput): number {
  let parsed: { values: { help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    if (!isParseArgsError(err)) throw err;
    io.err(err.message);
    io.err(BARCODE_USAGE);
    return 2;
  }
  const [sub, code, ...extra] = parsed.positionals;
  if (parsed.values.help || sub === 'help') {
    io.out(BARCODE_USAGE);
    return 0;
  }
  if (sub !== 'parse' || code === undefined || extra.length > 0) {
    io.err(sub !== 'parse' ? `unknown barcode command: ${sub ?? '(none)'}` : code === undefined ? 'barcode parse needs the CODE' : 'barcode parse takes one CODE: quote it');
    io.err(BARCODE_USAGE);
    return 2;
  }
  const kind = classifyBarcode(unescapeGs(code));
  io.out(json(describeBarcode(kind)));
  return kind.kind === 'unknown' ? 1 : 0;
}
