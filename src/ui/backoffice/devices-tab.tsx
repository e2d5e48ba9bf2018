import { useEffect, useState, type ReactNode } from 'react';
import { useApp } from '../app-context.js';
import { Button } from '../components/ui.js';
import { DeviceStatePill } from '../components/device-state.js';
import type { CommandOutput } from '../../shared/contract/commands.js';
import { BAUD_RATES, LABEL_DPIS, PRINTER_PROFILES, SCANNER_SUFFIXES, type DeviceName, type DeviceSettings, type DeviceState } from '../../shared/contract/devices.js';

type Port = CommandOutput<'devices.ports'>[number];
type TestResult = CommandOutput<'devices.test'>;
type Tested = TestResult['device'];
type Baud = (typeof BAUD_RATES)[number];
type Link = { kind: 'serial'; path: string; baud: Baud } | { kind: 'tcp'; host: string; port: number } | { kind: 'file'; path: string };
type LinkKind = Link['kind'];

const serial = (baud: Baud) => ({ kind: 'serial' as const, path: '', baud });

/** What each kind starts with when picked: the speeds these devices leave the factory with. */
const FRESH = {
  fiscal: { none: { kind: 'none' }, demo: { kind: 'demo' }, shtrih: { kind: 'shtrih', link: serial(115200), password: 30 } },
  printer: { none: { kind: 'none' }, demo: { kind: 'demo' }, escpos: { kind: 'escpos', link: serial(9600), profile: 'epson-80', codePage: null } },
  drawer: { none: { kind: 'none' }, printer: { kind: 'printer' } },
  scale: { none: { kind: 'none' }, cas: { kind: 'cas', link: serial(9600) }, massak: { kind: 'massak', link: serial(57600) } },
  scanner: { wedge: { kind: 'wedge' }, serial: { kind: 'serial', path: '', baud: 9600, suffix: 'cr', prefix: '' }, hid: { kind: 'hid', vendorId: 0, productId: 0 } },
  display: { none: { kind: 'none' }, epson: { kind: 'epson', path: '', baud: 9600 } },
  labelPrinter: { none: { kind: 'none' }, demo: { kind: 'demo' }, tspl: { kind: 'tspl', link: serial(9600), dpi: 203 }, zpl: { kind: 'zpl', link: serial(9600), dpi: 203 } },
} as const satisfies { [D in keyof DeviceSettings]: Record<string, DeviceSettings[D]> };

const FRESH_LINK: Record<LinkKind, Link> = { serial: serial(9600), tcp: { kind: 'tcp', host: '', port: 9100 }, file: { kind: 'file', path: '/dev/usb/lp0' } };

function Select({ label, value, options, onChange, name }: {
  label: string; value: string; options: readonly (readonly [string, string])[]; onChange(value: string): void; name: string;
}) {
  return (
    <label className="field"><span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}

/** A serial port, a network address or a device file: where a device hangs. */
function LinkFields({ name, link, kinds, onChange }: { name: string; link: Link; kinds: readonly LinkKind[]; onChange(link: Link): void }) {
  const { t } = useApp();
  return (
    <>
      {kinds.length > 1 && (
        <Select label={t('dev.link')} name={`${name}-link`} value={link.kind} options={kinds.map((k) => [k, t(`dev.link.${k}`)] as const)}
          onChange={(k) => onChange(FRESH_LINK[k as LinkKind])} />
      )}
      {link.kind === 'serial' && <PortFields name={name} path={link.path} baud={link.baud} onChange={(path, baud) => onChange({ kind: 'serial', path, baud })} />}
      {link.kind === 'tcp' && (
        <>
          <label className="field"><span>{t('dev.host')}</span><input name={`${name}-host`} value={link.host} onChange={(e) => onChange({ ...link, host: e.target.value })} /></label>
          <label className="field"><span>{t('dev.tcpPort')}</span>
            <input name={`${name}-tcp-port`} inputMode="numeric" value={link.port} onChange={(e) => onChange({ ...link, port: Number(e.target.value) || 0 })} /></label>
        </>
      )}
      {link.kind === 'file' && (
        <label className="field"><span>{t('dev.file')}</span>
          <input name={`${name}-path`} list="usb-printers" value={link.path} onChange={(e) => onChange({ kind: 'file', path: e.target.value })} /></label>
      )}
    </>
  );
}

function PortFields({ name, path, baud, onChange }: { name: string; path: string; baud: Baud; onChange(path: string, baud: Baud): void }) {
  const { t } = useApp();
  return (
    <>
      <label className="field"><span>{t('dev.port')}</span>
        <input name={`${name}-path`} list="serial-ports" value={path} placeholder="/dev/ttyUSB0" onChange={(e) => onChange(e.target.value.trim(), baud)} /></label>
      <Select label={t('dev.baud')} name={`${name}-baud`} value={String(baud)} options={BAUD_RATES.map((b) => [String(b), String(b)] as const)}
        onChange={(b) => onChange(path, Number(b) as Baud)} />
    </>
  );
}

/** One device: its kind, where it is, how it is now, and its test. */
function DeviceCard({ device, state, kinds, kind, onKind, testable, result, onTest, children }: {
  device: DeviceName; state: DeviceState | undefined; kinds: readonly string[]; kind: string; onKind(kind: string): void;
  testable: boolean; result: TestResult | undefined; onTest(): void; children?: ReactNode;
}) {
  const { t } = useApp();
  return (
    <section className="device-card" data-testid={`dev-${device}`}>
      <header>
        <h3>{t(`device.${device}`)}</h3>
        {state && <DeviceStatePill state={state} testId={`status-${device}`} detailed />}
      </header>
      <div className="form-grid">
        <Select label={t('dev.kind')} name={`${device}-kind`} value={kind} options={kinds.map((k) => [k, t(`dev.kind.${k}`)] as const)} onChange={onKind} />
        {children}
      </div>
      {testable && (
        <div className="toolbar">
          <Button onClick={onTest} data-testid={`test-${device}`} disabled={kind === 'none'}>{t('dev.test')}</Button>
          {result && (
            <span className={result.ok ? 'good' : 'bad'} data-testid={`test-result-${device}`}>
              {t(result.message, result.params)}{result.detail ? ` (${result.detail})` : ''}
            </span>
          )}
        </div>
      )}
    </section>
  );
}

/** Address of the customer display for a second screen or a tablet: the page with the connection key. */
function displayUrl(): string | null {
  const key = sessionStorage.getItem('lavka-key');
  return key ? `${location.origin}/?key=${encodeURIComponent(key)}#/display` : null;
}

/** The devices tab: each device, its port and speed, a test for each, and what each says now. */
export function DevicesTab() {
  const { conn, t, fail, notify } = useApp();
  const [settings, setSettings] = useState<DeviceSettings | null>(null);
  const [status, setStatus] = useState<DeviceState[]>([]);
  const [ports, setPorts] = useState<Port[]>([]);
  const [results, setResults] = useState<Partial<Record<Tested, TestResult>>>({});
  const [lastScan, setLastScan] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    conn.call('devices.get', {}).then((v) => { setSettings(v.settings); setStatus(v.status); }, fail);
    conn.call('devices.ports', {}).then(setPorts, fail);
    return conn.onEvent((name, payload) => {
      if (name === 'devices.status') setStatus((payload as { devices: DeviceState[] }).devices);
      if (name === 'scanner.scanned') setLastScan((payload as { code: string }).code);
    });
  }, [conn, fail]);

  if (!settings) return <p className="muted">{t('common.loading')}</p>;
  const set = <D extends keyof DeviceSettings>(device: D, value: DeviceSettings[D]) => setSettings({ ...settings, [device]: value });
  const stateOf = (d: DeviceName) => status.find((s) => s.device === d);

  const save = async () => {
    setBusy(true);
    try {
      const saved = await conn.call('devices.save', settings);
      setSettings(saved.settings);
      setStatus(saved.status);
      setResults({});
      notify(t('dev.saved'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const test = async (device: Tested) => {
    setResults((r) => ({ ...r, [device]: undefined }));
    try {
      const result = await conn.call('devices.test', { device });
      setResults((r) => ({ ...r, [device]: result }));
    } catch (err) {
      fail(err);
    }
  };
  const card = (device: Tested) => ({ device, state: stateOf(device), result: results[device], onTest: () => void test(device), testable: true });

  const { fiscal, printer, scale, scanner, display, labelPrinter } = settings;
  const url = displayUrl();
  return (
    <div className="devices" data-testid="devices">
      <datalist id="serial-ports">{ports.filter((p) => p.kind === 'serial').map((p) => <option key={p.path} value={p.path}>{p.manufacturer ?? ''}</option>)}</datalist>
      <datalist id="usb-printers">{ports.filter((p) => p.kind === 'usb-printer').map((p) => <option key={p.path} value={p.path} />)}</datalist>
      <p className="muted">{t('dev.hint')}</p>

      <DeviceCard {...card('fiscal')} kinds={Object.keys(FRESH.fiscal)} kind={fiscal.kind} onKind={(k) => set('fiscal', FRESH.fiscal[k as keyof typeof FRESH.fiscal])}>
        {fiscal.kind === 'shtrih' && (
          <>
            <LinkFields name="fiscal" link={fiscal.link} kinds={['serial', 'tcp']} onChange={(link) => link.kind !== 'file' && set('fiscal', { ...fiscal, link })} />
            <label className="field"><span>{t('dev.password')}</span>
              <input name="fiscal-password" inputMode="numeric" value={fiscal.password} onChange={(e) => set('fiscal', { ...fiscal, password: Number(e.target.value) || 0 })} /></label>
          </>
        )}
      </DeviceCard>

      <DeviceCard {...card('printer')} kinds={Object.keys(FRESH.printer)} kind={printer.kind} onKind={(k) => set('printer', FRESH.printer[k as keyof typeof FRESH.printer])}>
        {printer.kind === 'escpos' && (
          <>
            <LinkFields name="printer" link={printer.link} kinds={['serial', 'tcp', 'file']} onChange={(link) => set('printer', { ...printer, link })} />
            <Select label={t('dev.profile')} name="printer-profile" value={printer.profile} options={PRINTER_PROFILES.map((p) => [p.id, p.label] as const)}
              onChange={(id) => set('printer', { ...printer, profile: id as typeof printer.profile })} />
            <label className="field"><span>{t('dev.codePage')}</span>
              <input name="printer-codepage" inputMode="numeric" placeholder={t('dev.codePageDefault')} value={printer.codePage?.number ?? ''}
                onChange={(e) => set('printer', { ...printer, codePage: e.target.value === '' ? null : { number: Number(e.target.value) || 0, encoding: printer.codePage?.encoding ?? 'cp866' } })} /></label>
            {printer.codePage && (
              <Select label={t('dev.encoding')} name="printer-encoding" value={printer.codePage.encoding} options={[['cp866', 'CP866'], ['windows1251', 'Windows-1251']]}
                onChange={(enc) => printer.codePage && set('printer', { ...printer, codePage: { ...printer.codePage, encoding: enc as 'cp866' | 'windows1251' } })} />
            )}
          </>
        )}
      </DeviceCard>

      <DeviceCard {...card('drawer')} kinds={Object.keys(FRESH.drawer)} kind={settings.drawer.kind} onKind={(k) => set('drawer', FRESH.drawer[k as keyof typeof FRESH.drawer])} />

      <DeviceCard {...card('scale')} kinds={Object.keys(FRESH.scale)} kind={scale.kind} onKind={(k) => set('scale', FRESH.scale[k as keyof typeof FRESH.scale])}>
        {scale.kind !== 'none' && <LinkFields name="scale" link={scale.link} kinds={['serial', 'tcp']} onChange={(link) => link.kind !== 'file' && set('scale', { ...scale, link })} />}
      </DeviceCard>

      <DeviceCard device="scanner" state={stateOf('scanner')} testable={false} result={undefined} onTest={() => undefined}
        kinds={Object.keys(FRESH.scanner)} kind={scanner.kind} onKind={(k) => set('scanner', FRESH.scanner[k as keyof typeof FRESH.scanner])}>
        {scanner.kind === 'serial' && (
          <>
            <PortFields name="scanner" path={scanner.path} baud={scanner.baud} onChange={(path, baud) => set('scanner', { ...scanner, path, baud })} />
            <Select label={t('dev.suffix')} name="scanner-suffix" value={scanner.suffix} options={SCANNER_SUFFIXES.map((s) => [s, s.toUpperCase()] as const)}
              onChange={(s) => set('scanner', { ...scanner, suffix: s as typeof scanner.suffix })} />
            <label className="field"><span>{t('dev.prefix')}</span><input name="scanner-prefix" value={scanner.prefix} onChange={(e) => set('scanner', { ...scanner, prefix: e.target.value })} /></label>
          </>
        )}
        {scanner.kind === 'hid' && (
          <HidFields vendorId={scanner.vendorId} productId={scanner.productId} found={ports.filter((p) => p.kind === 'hid-pos-scanner')}
            onChange={(vendorId, productId) => set('scanner', { kind: 'hid', vendorId, productId })} />
        )}
        {lastScan !== null && <p data-testid="last-scan">{t('dev.lastScan', { code: lastScan.replaceAll('\u001d', '<GS>') })}</p>}
      </DeviceCard>

      <DeviceCard {...card('display')} kinds={Object.keys(FRESH.display)} kind={display.kind} onKind={(k) => set('display', FRESH.display[k as keyof typeof FRESH.display])}>
        {display.kind === 'epson' && <PortFields name="display" path={display.path} baud={display.baud} onChange={(path, baud) => set('display', { kind: 'epson', path, baud })} />}
      </DeviceCard>

      <DeviceCard {...card('labelPrinter')} kinds={Object.keys(FRESH.labelPrinter)} kind={labelPrinter.kind}
        onKind={(k) => set('labelPrinter', FRESH.labelPrinter[k as keyof typeof FRESH.labelPrinter])}>
        {(labelPrinter.kind === 'tspl' || labelPrinter.kind === 'zpl') && (
          <>
            <LinkFields name="labelPrinter" link={labelPrinter.link} kinds={['serial', 'tcp', 'file']} onChange={(link) => set('labelPrinter', { ...labelPrinter, link })} />
            <Select label={t('dev.dpi')} name="labelPrinter-dpi" value={String(labelPrinter.dpi)} options={LABEL_DPIS.map((d) => [String(d), `${d} dpi`] as const)}
              onChange={(d) => set('labelPrinter', { ...labelPrinter, dpi: Number(d) as (typeof LABEL_DPIS)[number] })} />
          </>
        )}
      </DeviceCard>

      <div className="toolbar">
        <Button kind="primary" onClick={() => void save()} disabled={busy} data-testid="devices-save">{t('bo.save')}</Button>
        <Button onClick={() => window.open(`${location.pathname}#/display`, 'lavka-display')} data-testid="open-display">{t('dev.openDisplay')}</Button>
        {url && <span className="muted">{t('dev.displayUrl')} <code>{url}</code></span>}
      </div>
    </div>
  );
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** A USB id typed in hex as `lsusb` and `device list` show it; NaN (refused on save) until it is one. */
function HexField({ label, name, value, onChange }: { label: string; name: string; value: number; onChange(n: number): void }) {
  const [text, setText] = useState(Number.isNaN(value) ? '' : hex(value));
  useEffect(() => {
    if (parseInt(text, 16) !== value && !Number.isNaN(value)) setText(hex(value));
  }, [value]);
  return (
    <label className="field"><span>{label}</span>
      <input name={name} value={text} placeholder="04b4" onChange={(e) => {
        setText(e.target.value);
        onChange(/^[0-9a-f]{1,4}$/i.test(e.target.value) ? parseInt(e.target.value, 16) : Number.NaN);
      }} /></label>
  );
}

function HidFields({ vendorId, productId, found, onChange }: { vendorId: number; productId: number; found: Port[]; onChange(vendorId: number, productId: number): void }) {
  const { t } = useApp();
  return (
    <>
      {found.length > 0 && (
        <Select label={t('dev.found')} name="scanner-found" value={`${hex(vendorId)}:${hex(productId)}`}
          options={[['', '—'], ...found.map((p) => [`${p.vendorId}:${p.productId}`, `${p.manufacturer ?? ''} ${p.vendorId}:${p.productId}`] as const)]}
          onChange={(v) => { const [a = '', b = ''] = v.split(':'); onChange(parseInt(a, 16), parseInt(b, 16)); }} />
      )}
      <HexField label={t('dev.vendorId')} name="scanner-vendor" value={vendorId} onChange={(n) => onChange(n, productId)} />
      <HexField label={t('dev.productId')} name="scanner-product" value={productId} onChange={(n) => onChange(vendorId, n)} />
    </>
  );
}
