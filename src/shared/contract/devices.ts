import { z } from 'zod';
import { command, empty } from './define.js';

/**
 * The till's devices as the owner sets them up, and what the till knows of them right now.
 * The same schema is the devices tab's form, the `lavka serve --devices FILE` file and the
 * stored setting, so a file that works on one till works on another.
 */

/** The ESC/POS printer profiles the drivers know (drivers/escpos/profiles.ts), by id. */
export const PRINTER_PROFILES = [
  { id: 'epson-80', label: 'Epson TM-T20/T88 (80 mm)' },
  { id: 'xprinter-80', label: 'Xprinter XP-80/N160 (80 mm)' },
  { id: 'xprinter-58', label: 'Xprinter XP-58 (58 mm)' },
  { id: 'pos-5890', label: 'POS-5890 (58 mm)' },
] as const;
export type PrinterProfileId = (typeof PRINTER_PROFILES)[number]['id'];
const ProfileId = z.enum(PRINTER_PROFILES.map((p) => p.id) as [PrinterProfileId, ...PrinterProfileId[]]);

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
const Baud = z.literal(BAUD_RATES);
/** /dev/ttyUSB0, /dev/usb/lp0, COM3: no spaces, nothing a shell or a URL would trip over */
const DevicePath = z.string().trim().min(1).max(200).regex(/^[\w./\\:-]+$/, 'a device path such as /dev/ttyUSB0 or COM3');
const Host = z.string().trim().min(1).max(253).regex(/^[\w.:[\]-]+$/, 'a host name or IP address');
const TcpPort = z.number().int().min(1).max(65_535);

export const SerialLink = z.object({ kind: z.literal('serial'), path: DevicePath, baud: Baud }).strict();
export const TcpLink = z.object({ kind: z.literal('tcp'), host: Host, port: TcpPort }).strict();
/** a USB printer-class device file (usblp): /dev/usb/lp0 */
export const FileLink = z.object({ kind: z.literal('file'), path: DevicePath }).strict();

const None = z.object({ kind: z.literal('none') }).strict();
/** the simulator, in-process: the demo shop's virtual registrar, printer and label printer */
const Demo = z.object({ kind: z.literal('demo') }).strict();

export const FiscalSettings = z.discriminatedUnion('kind', [
  None,
  Demo,
  z.object({
    kind: z.literal('shtrih'),
    link: z.discriminatedUnion('kind', [SerialLink, TcpLink]),
    /** the operator / administrator password the registrar was programmed with (30 from the factory) */
    password: z.number().int().min(0).max(99_999_999),
  }).strict(),
]);

/** ESC t n and the single-byte encoding behind it; the test page finds the right one. */
export const CodePage = z.object({ number: z.number().int().min(0).max(255), encoding: z.enum(['cp866', 'windows1251']) }).strict();

export const PrinterSettings = z.discriminatedUnion('kind', [
  None,
  Demo,
  z.object({
    kind: z.literal('escpos'),
    link: z.discriminatedUnion('kind', [SerialLink, TcpLink, FileLink]),
    profile: ProfileId,
    /** null: the profile's own */
    codePage: CodePage.nullable(),
  }).strict(),
]);

/** The cash drawer hangs on the receipt printer's drawer port, or there is none. */
export const DrawerSettings = z.discriminatedUnion('kind', [None, z.object({ kind: z.literal('printer') }).strict()]);

export const ScaleSettings = z.discriminatedUnion('kind', [
  None,
  z.object({ kind: z.literal('cas'), link: z.discriminatedUnion('kind', [SerialLink, TcpLink]) }).strict(),
  z.object({ kind: z.literal('massak'), link: z.discriminatedUnion('kind', [SerialLink, TcpLink]) }).strict(),
]);

export const SCANNER_SUFFIXES = ['cr', 'lf', 'crlf', 'tab'] as const;
const UsbId = z.number().int().min(0).max(0xffff);

export const ScannerSettings = z.discriminatedUnion('kind', [
  /** keyboard-wedge scanners only: the page reads them itself */
  z.object({ kind: z.literal('wedge') }).strict(),
  z.object({
    kind: z.literal('serial'), path: DevicePath, baud: Baud,
    suffix: z.enum(SCANNER_SUFFIXES),
    /** removed from the front of each code when the scanner is set up to send one */
    prefix: z.string().max(8).regex(/^[\x21-\x7e]*$/, 'printable ASCII'),
  }).strict(),
  z.object({ kind: z.literal('hid'), vendorId: UsbId, productId: UsbId }).strict(),
]);

export const DisplaySettings = z.discriminatedUnion('kind', [
  None,
  z.object({ kind: z.literal('epson'), path: DevicePath, baud: Baud }).strict(),
]);

export const LABEL_DPIS = [203, 300] as const;

/** A TSPL or ZPL label printer for price tags: the same links as the receipt printer, and its head's resolution. */
const labelPrinterOn = <K extends 'tspl' | 'zpl'>(kind: K) => z.object({
  kind: z.literal(kind),
  link: z.discriminatedUnion('kind', [SerialLink, TcpLink, FileLink]),
  dpi: z.literal(LABEL_DPIS),
}).strict();

export const LabelPrinterSettings = z.discriminatedUnion('kind', [None, Demo, labelPrinterOn('tspl'), labelPrinterOn('zpl')]);

export const DeviceSettings = z.object({
  fiscal: FiscalSettings,
  printer: PrinterSettings,
  drawer: DrawerSettings,
  scale: ScaleSettings,
  scanner: ScannerSettings,
  display: DisplaySettings,
  /** settings saved before there were label printers have none */
  labelPrinter: LabelPrinterSettings.default({ kind: 'none' }),
}).strict();
export type DeviceSettings = z.output<typeof DeviceSettings>;

/** A real shop before its owner sets anything up: the ledger alone, a wedge scanner. */
export const NO_DEVICES: DeviceSettings = {
  fiscal: { kind: 'none' }, printer: { kind: 'none' }, drawer: { kind: 'none' },
  scale: { kind: 'none' }, scanner: { kind: 'wedge' }, display: { kind: 'none' }, labelPrinter: { kind: 'none' },
};

/** The demo shop: the virtual registrar, the virtual printer with its drawer, and a virtual label printer. */
export const DEMO_DEVICES: DeviceSettings = {
  ...NO_DEVICES, fiscal: { kind: 'demo' }, printer: { kind: 'demo' }, drawer: { kind: 'printer' }, labelPrinter: { kind: 'demo' },
};

export const DEVICES = ['fiscal', 'printer', 'drawer', 'scale', 'scanner', 'display', 'labelPrinter'] as const;
export const DeviceName = z.enum(DEVICES);
export type DeviceName = z.output<typeof DeviceName>;

export const DeviceState = z.object({
  device: DeviceName,
  /** what is set up: none, demo, shtrih, escpos, printer, cas, massak, wedge, serial, hid, epson, tspl, zpl */
  kind: z.string(),
  /** where it is, as the driver says: "serial /dev/ttyUSB0 @ 115200", "tcp 10.0.0.5:9100" */
  where: z.string().nullable(),
  /** off: not set up; ok; warning: works but needs a look (paper near end); problem: will not work */
  state: z.enum(['off', 'ok', 'warning', 'problem']),
  /** i18n key of what is wrong: devices.paperOut, devices.offline… */
  problem: z.string().nullable(),
  /** the technical detail for the owner (the operating system's words) */
  detail: z.string().nullable(),
}).strict();
export type DeviceState = z.output<typeof DeviceState>;

export const DevicePort = z.object({
  kind: z.enum(['serial', 'usb-printer', 'hid-pos-scanner']),
  path: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
}).strict();

const DevicesView = z.object({ settings: DeviceSettings, status: z.array(DeviceState) });

export const TestableDevice = z.enum(['fiscal', 'printer', 'drawer', 'scale', 'display', 'labelPrinter']);

export const DeviceTestResult = z.object({
  device: TestableDevice,
  ok: z.boolean(),
  /** i18n key of what the test found or what went wrong */
  message: z.string(),
  /** fills the message's placeholders */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  detail: z.string().nullable(),
}).strict();

export const deviceCommands = {
  'devices.get': command({
    summary: 'The device settings and what each device says right now (asks them)',
    input: empty, output: DevicesView, permission: { role: 'manager' }, mutates: false,
  }),
  'devices.save': command({
    summary: 'Save the device settings and open the devices again as they say',
    input: DeviceSettings, output: DevicesView, permission: { role: 'manager' }, mutates: true,
  }),
  'devices.test': command({
    summary: 'Try one device: registrar status, printer test page, drawer kick, scale reading, display text, service label',
    input: z.object({ device: TestableDevice }).strict(), output: DeviceTestResult, permission: { role: 'manager' }, mutates: true,
  }),
  'devices.ports': command({
    summary: 'Serial ports, USB printers and HID POS scanners this computer has',
    input: empty, output: z.array(DevicePort), permission: { role: 'manager' }, mutates: false,
  }),
  'devices.status': command({
    summary: 'What the till last heard from each device (for the till screen)',
    input: empty, output: z.array(DeviceState), permission: { role: 'any' }, mutates: false,
  }),
  'scale.read': command({
    summary: 'A stable weight from the scale, in grams',
    input: empty, output: z.object({ grams: z.number().int().min(1) }), permission: { role: 'cashier' }, mutates: false,
  }),
};
