import { LavkaError } from '../../shared/contract/errors.js';
import type { DeviceName, DeviceSettings } from '../../shared/contract/devices.js';
import type { CommandOutput } from '../../shared/contract/commands.js';
import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import { ScaleError } from '../ports/scale.js';
import { testPageDoc } from '../receipts/layout.js';
import { askPrinter, heardOfError } from './ask.js';

type DeviceHandlers = Pick<Handlers, 'devices.get' | 'devices.save' | 'devices.test' | 'devices.ports' | 'devices.status' | 'scale.read'>;
type TestResult = CommandOutput<'devices.test'>;
type Tested = TestResult['device'];
type Params = TestResult['params'];

/** What the journal keeps of new settings: everything but the registrar's password. */
function journaled(settings: DeviceSettings): Record<string, unknown> {
  if (settings.fiscal.kind !== 'shtrih') return { ...settings };
  const { password: _password, ...fiscal } = settings.fiscal;
  return { ...settings, fiscal };
}

/** Stores new device settings with their journal entry (`userId` null: set up from the command line). */
export function storeDeviceSettings(s: Services, settings: DeviceSettings, userId: string | null): void {
  s.tx(() => {
    s.settings.set('devices', settings);
    s.journal.append({ type: 'devices.saved', userId, payload: journaled(settings) });
  });
}

const passed = (device: Tested, message: string, params: Params = {}): TestResult => ({ device, ok: true, message, params, detail: null });
const failed = (device: Tested, message: string, detail: string | null, params: Params = {}): TestResult => ({ device, ok: false, message, params, detail });

/** A device failure as the owner reads it: the driver's i18n key where it gives one, its words as the detail. */
function failure(device: Tested, err: unknown): TestResult {
  if (err instanceof ScaleError) return failed(device, `scale.${err.failure}`, err.message);
  const heard = heardOfError(err);
  return failed(device, heard.problem ?? 'devices.offline', heard.detail);
}

export function deviceHandlers(s: Services): DeviceHandlers {
  const manager = s.deviceManager;

  function requireSetUp(device: DeviceName): void {
    if (manager.status().find((d) => d.device === device)?.state === 'off') throw new LavkaError('conflict', 'errors.deviceNotSet', { device });
  }

  async function test(device: Tested, userId: string): Promise<TestResult> {
    requireSetUp(device);
    const set = s.devices;
    try {
      switch (device) {
        case 'fiscal': {
          if (!set.fiscal) throw new LavkaError('conflict', 'errors.deviceNotSet', { device });
          const state = await set.fiscal.state();
          const shift = state.shiftExpired ? 'devices.test.shiftExpired' : state.shiftOpen ? 'devices.test.shiftOpen' : 'devices.test.shiftClosed';
          return passed(device, shift, { lastDoc: state.lastDocNumber });
        }
        case 'printer': {
          await set.printer.print(testPageDoc(s.settings.get('shop'), s.clock().toISOString()));
          const after = await askPrinter(set.printer);
          return after.state === 'problem' ? failed(device, after.problem ?? 'devices.printerError', after.detail) : passed(device, 'devices.test.printed');
        }
        case 'drawer': {
          // the drawer opens with no sale: that is journaled like any other opening, before it happens
          s.tx(() => s.journal.append({ type: 'drawer.opened', userId, payload: { shiftId: s.shifts.current()?.id ?? null, reason: 'проверка устройства' } }));
          s.checkpoint();
          await set.drawer.open();
          return passed(device, 'devices.test.drawerOpened');
        }
        case 'scale': {
          if (!set.scale) throw new LavkaError('conflict', 'errors.deviceNotSet', { device });
          const reading = await set.scale.readWeight();
          return passed(device, reading.stable ? 'devices.test.weightStable' : 'devices.test.weightSwinging', { grams: reading.grams });
        }
        case 'display': {
          if (!set.display) throw new LavkaError('conflict', 'errors.deviceNotSet', { device });
          await set.display.show(['Лавка: проверка', 'дисплея покупателя']);
          return passed(device, 'devices.test.displayShown');
        }
        case 'labelPrinter': {
          if (!set.labelPrinter) throw new LavkaError('conflict', 'errors.deviceNotSet', { device });
          await set.labelPrinter.printTest();
          return passed(device, 'devices.test.labelPrinted', { language: set.labelPrinter.language.toUpperCase(), dpi: set.labelPrinter.dpi });
        }
      }
    } catch (err) {
      if (err instanceof LavkaError) throw err;
      return failure(device, err);
    }
  }

  return {
    'devices.get': async () => ({ settings: s.settings.devices(), status: await manager.refresh() }),

    'devices.save': async (input, ctx) => {
      storeDeviceSettings(s, input, ctx.user.id);
      await manager.apply(input);
      return { settings: input, status: manager.status() };
    },

    'devices.test': (input, ctx) => test(input.device, ctx.user.id),

    'devices.ports': () => manager.ports(),

    'devices.status': () => manager.status(),

    'scale.read': async () => {
      const scale = s.devices.scale;
      if (!scale) throw new LavkaError('conflict', 'errors.noScale');
      try {
        return { grams: await scale.weigh() };
      } catch (err) {
        if (err instanceof ScaleError) throw new LavkaError('rejected', 'errors.scale', { problem: `scale.${err.failure}`, failure: err.failure });
        throw err;
      }
    },
  };
}
