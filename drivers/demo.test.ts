import { afterEach, describe, expect, it } from 'vitest';
import { demoDevices, type DemoDevices } from './demo.js';

let demo: DemoDevices;
afterEach(() => demo?.close());

describe('the demo shop devices', () => {
  it('print a Russian receipt through real ESC/POS bytes and kick the drawer', async () => {
    demo = demoDevices();
    await demo.devices.printer.print({
      items: [
        { kind: 'text', text: 'Лавка «У дома»', align: 'center', bold: true },
        { kind: 'pair', left: 'Молоко 2,5% Простоквашино', right: '=88.99' },
        { kind: 'qr', data: 't=20261123T0900&s=88.99&fn=1&i=2&fp=3&n=1' },
        { kind: 'cut' },
      ],
    });
    await demo.paper.waitFor((p) => p.receipts().length === 1);
    const text = demo.paper.lines(0).join('\n');
    expect(text).toContain('Молоко 2,5% Простоквашино');
    expect(text).toContain('=88.99');
    await demo.devices.drawer.open();
    await demo.paper.waitFor((p) => p.drawerKicks.length === 1);
    expect(await demo.devices.printer.status()).toMatchObject({ ok: true });
  });

  it('fiscalise on the virtual registrar', async () => {
    demo = demoDevices();
    const fiscal = demo.devices.fiscal;
    expect(fiscal).not.toBeNull();
    await fiscal?.openShift({ name: 'Кассир' });
    const doc = await fiscal?.fiscalise({
      kind: 'sale', lines: [{ name: 'Хлеб', price: 5000, qty: 1000, total: 5000, vatTag: 2, markingCode: null }],
      cash: 5000, card: 0, taxSystem: 'osn', cashier: { name: 'Кассир' },
    });
    expect(doc?.qr).toMatch(/&s=50\.00&/);
  });
});
