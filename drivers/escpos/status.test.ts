import { describe, expect, it } from 'vitest';
import { decodeStatus, isStatusByte, toDeviceStatus } from './status.js';

describe('DLE EOT replies', () => {
  it('recognises status bytes by their fixed bits', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x1e)).toBe(true);
    expect(isStatusByte(0x72)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x92)).toBe(false); // bit 7 must be clear
    expect(isStatusByte(0x13)).toBe(false); // bit 0 must be clear
  });

  it('reads a ready printer as ok', () => {
    expect(toDeviceStatus(decodeStatus(0x12, 0x12, 0x12))).toEqual({ ok: true, problem: null });
  });

  it('maps cover open, paper out and near end', () => {
    expect(toDeviceStatus(decodeStatus(0x1a, 0x16, 0x12))).toEqual({ ok: false, problem: 'devices.coverOpen' });
    expect(toDeviceStatus(decodeStatus(0x1a, 0x32, 0x7e))).toEqual({ ok: false, problem: 'devices.paperOut' });
    // some clones report the roll sensor only
    expect(toDeviceStatus(decodeStatus(0x12, 0x12, 0x72))).toEqual({ ok: false, problem: 'devices.paperOut' });
    expect(toDeviceStatus(decodeStatus(0x12, 0x12, 0x1e))).toEqual({ ok: true, problem: 'devices.paperNearEnd' });
  });

  it('puts the cover before paper: closing it is the first thing to do', () => {
    expect(toDeviceStatus(decodeStatus(0x1a, 0x36, 0x7e)).problem).toBe('devices.coverOpen');
  });

  it('maps errors, the cutter, and an unexplained offline bit', () => {
    expect(toDeviceStatus(decodeStatus(0x1a, 0x52, 0x12, 0x1a))).toEqual({ ok: false, problem: 'devices.cutterError' });
    expect(toDeviceStatus(decodeStatus(0x1a, 0x52, 0x12, 0x32))).toEqual({ ok: false, problem: 'devices.printerError' });
    expect(toDeviceStatus(decodeStatus(0x1a, 0x12, 0x12))).toEqual({ ok: false, problem: 'devices.offline' });
  });

  it('reads the drawer sensor', () => {
    expect(decodeStatus(0x16, 0x12, 0x12).drawerOpen).toBe(true);
    expect(decodeStatus(0x12, 0x12, 0x12).drawerOpen).toBe(false);
  });
});
