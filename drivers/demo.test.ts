import { afterEach, describe, expect, it } from 'vitest';
import { demoLabelPrinter, demoPrinter, demoRegistrar, type DemoLabelPrinter, type DemoPrinter, type DemoRegistrar } from './demo.js';
import { tagFontFiles } from '../src/core/tags/fonts.js';
import { SAMPLE_TAGS } from '../src/core/tags/test-support.js';
import { withCheckDigit } from '../src/shared/barcode/ean.js';
import { TAG_TEMPLATES } from '../src/shared/tags/index.js';

let demo: DemoPrinter | DemoRegistrar | DemoLabelPrinter | undefined;
afterEach(() => demo?.close());

describe('the demo shop devices', () => {
  it('print a Russian receipt through real ESC/POS bytes and kick the drawer', async () => {
    const printer = demoPrinter();
    demo = printer;
    await printer.printer.print({
      items: [
        { kind: 'text', text: 'Лавка «У дома»', align: 'center', bold: true },
        { kind: 'pair', left: 'Молоко 2,5% Простоквашино', right: '=88.99' },
        { kind: 'qr', data: 't=20261123T0900&s=88.99&fn=1&i=2&fp=3&n=1' },
        { kind: 'cut' },
      ],
    });
    await printer.paper.waitFor((p) => p.receipts().length === 1);
    const text = printer.paper.lines(0).join('\n');
    expect(text).toContain('Молоко 2,5% Простоквашино');
    expect(text).toContain('=88.99');
    await printer.printer.open();
    await printer.paper.waitFor((p) => p.drawerKicks.length === 1);
    expect(await printer.printer.status()).toMatchObject({ ok: true });
  });

  it('fiscalise on the virtual registrar', async () => {
    const registrar = demoRegistrar();
    demo = registrar;
    const fiscal = registrar.fiscal;
    await fiscal.openShift({ name: 'Кассир' });
    const doc = await fiscal.fiscalise({
      kind: 'sale', lines: [{ name: 'Хлеб', price: 5000, qty: 1000, total: 5000, vatTag: 2, markingCode: null }],
      cash: 5000, card: 0, taxSystem: 'osn', cashier: { name: 'Кассир' },
    });
    expect(doc.qr).toMatch(/&s=50\.00&/);
  });

  it('print price tags on a virtual label printer that keeps the last hundred', async () => {
    const labels = demoLabelPrinter(tagFontFiles());
    demo = labels;
    const run = Array.from({ length: 102 }, (_, i) => ({ ...SAMPLE_TAGS[0]!, barcode: withCheckDigit(`4600000${String(i).padStart(5, '0')}`) }));
    await labels.printer.print(run, TAG_TEMPLATES['label-43x25']);
    await labels.roll.waitFor((p) => p.labels.at(-1)?.barcodes[0]?.data === run[101]?.barcode);
    expect(labels.roll.labels.map((l) => l.barcodes[0]?.data)).toEqual(run.slice(2).map((t) => t.barcode));
  });
});
