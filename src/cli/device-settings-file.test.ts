import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDeviceSettings } from './device-settings-file.js';
import { DEMO_DEVICES } from '../shared/contract/devices.js';

const dir = mkdtempSync(join(tmpdir(), 'lavka-devfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('lavka serve --devices FILE', () => {
  it('reads the settings the devices tab would save', () => {
    const settings = { ...DEMO_DEVICES, scale: { kind: 'massak', link: { kind: 'tcp', host: '192.168.1.30', port: 5001 } } };
    expect(readDeviceSettings(file('ok.json', JSON.stringify(settings)))).toEqual(settings);
  });

  it('names each wrong field, and the file', () => {
    const bad = { ...DEMO_DEVICES, printer: { kind: 'escpos', link: { kind: 'serial', path: '/dev/ttyUSB0', baud: 9601 }, profile: 'epson-80', codePage: null }, extra: 1 };
    const path = file('bad.json', JSON.stringify(bad));
    expect(() => readDeviceSettings(path)).toThrow(new RegExp(`^${path}: not device settings:\\n(.|\\n)*printer\\.link\\.baud: `));
    expect(() => readDeviceSettings(path)).toThrow(/extra/);
  });

  it('says what is wrong with a file that is not JSON, or not there', () => {
    expect(() => readDeviceSettings(file('broken.json', '{ "fiscal": '))).toThrow(/--devices is auto, none or a JSON file of device settings: .*broken\.json/);
    expect(() => readDeviceSettings(join(dir, 'missing.json'))).toThrow(/missing\.json.*ENOENT/);
  });
});
