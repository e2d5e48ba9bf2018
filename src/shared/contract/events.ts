import { z } from 'zod';
import { Cart, Id, Money } from './schemas.js';
import { DeviceName, DeviceState } from './devices.js';

/** Events the core pushes to every connected screen (customer display, other tabs). */
export const events = {
  'cart.changed': z.object({ cart: Cart.nullable() }),
  'sale.completed': z.object({ id: Id, number: z.number().int(), total: Money, change: Money }),
  'shift.changed': z.object({ open: z.boolean() }),
  /** a device failed after the ledger was written: the sale stands, the cashier is told */
  'device.problem': z.object({ device: DeviceName, problem: z.string() }),
  /** what each device says changed (paper out, back again): the till's status strip */
  'devices.status': z.object({ devices: z.array(DeviceState) }),
  /** a serial or HID scanner read a code: the open till screen takes it as a scan */
  'scanner.scanned': z.object({ code: z.string() }),
  /** how far an import has got: bytes of the file being read, in the check pass and then the write pass */
  'import.progress': z.object({ id: Id, phase: z.enum(['check', 'apply']), file: z.number().int(), done: z.number(), total: z.number().nullable() }),
  /** how many labels of a tags.print run the label printer has been sent so far */
  'tags.progress': z.object({ id: Id, printed: z.number().int(), total: z.number().int() }),
};
export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;
