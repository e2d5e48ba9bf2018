import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PriceTag } from '../../shared/tags/index.js';

/** Tags as the lead's picker would hand them over: packaged, weighed, a long name, EAN-8, no barcode. */
export const SAMPLE_TAGS: PriceTag[] = [
  {
    name: 'Молоко «Домик в деревне» 3,2% 930 мл', price: 8_990, unit: 'pcs', unitPrice: { per: 'l', price: 9_667 },
    barcode: '4600070000373', article: '10023', printedOn: '2026-03-12', shop: 'Лавка «У дома»',
  },
  { name: 'Яблоки Голден, весовые', price: 14_990, unit: 'kg', plu: '1', printedOn: '2026-03-12', shop: 'Лавка «У дома»' },
  {
    name: 'Сыр полутвёрдый «Российский молодой» 50% жирности, нарезка в вакуумной упаковке, Белебеевский молочный комбинат',
    price: 129_999, unit: 'pcs', unitPrice: { per: 'kg', price: 866_660 }, barcode: '4607004650642', printedOn: '2026-03-12', shop: 'Лавка «У дома»',
  },
  { name: 'Жевательная резинка мятная', price: 4_500, unit: 'pcs', barcode: '46009333', printedOn: '2026-03-12', shop: 'Лавка «У дома»' },
];

/**
 * poppler-utils and zbar-tools (apt) read the PDFs back. Missing, the tests skip on a
 * laptop; in CI (CI=true) they run and fail, so a machine without them cannot pass.
 */
export function pdfToolsPresent(): boolean {
  return ['pdftoppm', 'pdftotext', 'zbarimg'].every((tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined);
}

export const mustRunPdfTools = pdfToolsPresent() || process.env.CI === 'true';

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${command} could not run (apt-get install poppler-utils zbar-tools): ${r.error.message}`);
  // zbarimg exits 4 when a page has no symbol: that is an answer, not a failure
  if (r.status !== 0 && !(command === 'zbarimg' && r.status === 4)) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** What a reader sees in a PDF: its text (pdftotext) and, per page, the barcodes zbarimg decodes from a 300 dpi scan. */
export function readPdf(pdf: Uint8Array): { text: string; barcodes: string[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'lavka-tags-'));
  try {
    const file = join(dir, 'tags.pdf');
    writeFileSync(file, pdf);
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    run('pdftoppm', ['-r', '300', '-gray', '-png', file, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    const barcodes = pages.map((page) =>
      run('zbarimg', ['-q', '--raw', join(dir, page)]).split('\n').filter(Boolean).sort());
    return { text, barcodes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
