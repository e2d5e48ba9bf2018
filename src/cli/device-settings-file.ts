import { readFileSync } from 'node:fs';
import { DeviceSettings } from '../shared/contract/devices.js';

/** `--devices FILE`: the device settings as JSON; what is wrong with them is said field by field. */
export function readDeviceSettings(file: string): DeviceSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`--devices is auto, none or a JSON file of device settings: ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = DeviceSettings.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file}: not device settings:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
