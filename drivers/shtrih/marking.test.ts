import { describe, expect, it } from 'vitest';
import { concat } from './binary.js';
import { commandBytes } from './frame.js';
import { bindMarkingRequest, checkMarkingRequest, decodeBindMarking, decodeMarkingCheck, markingCodeBytes } from './marking.js';

const GS = '\u001d';
const CODE = `010460043993125621JgXJ5.T${GS}91EE06${GS}92YWCXbmK6SN8vvwoxZFk7WAY8WoJNMGGr6Cgtiuja04c=`;
const answer = (code: number, ...data: number[]): Uint8Array => concat(commandBytes(code), Uint8Array.of(0, ...data));

describe('marking code commands', () => {
  it('FF61 request: planned status, mode 0, code length, TLV length, code', () => {
    const body = checkMarkingRequest(30, CODE);
    expect(Array.from(body.subarray(4, 8))).toEqual([1, 0, CODE.length, 0]);
    expect(String.fromCharCode(...body.subarray(8))).toBe(CODE);
  });

  it('codes keep their GS separators and refuse anything else unprintable', () => {
    expect(markingCodeBytes(CODE).filter((b) => b === 0x1d)).toHaveLength(2);
    expect(() => markingCodeBytes('код')).toThrow(RangeError);
    expect(() => markingCodeBytes('')).toThrow(RangeError);
  });

  it('FF61 answer: valid only when checked and passed', () => {
    expect(decodeMarkingCheck(answer(0xff61, 3, 0, 5, 2, 0, 0x0f))).toMatchObject({ valid: true, result: 0x0f, fnResponseCode: 0 });
    expect(decodeMarkingCheck(answer(0xff61, 1, 0, 5, 2, 0, 0x01)).valid).toBe(false);
    // offline: no online part, the local status decides
    expect(decodeMarkingCheck(answer(0xff61, 3, 0, 5, 0))).toMatchObject({ valid: true, result: null, fnResponseCode: null });
  });

  it('FF67 request and answer, with the check the registrar ran itself', () => {
    expect(bindMarkingRequest(30, 'ABC')[4]).toBe(3);
    expect(decodeBindMarking(answer(0xff67, 0x30, 0x31, 0))).toEqual({ dataMatrixType: 0, check: null });
    expect(decodeBindMarking(answer(0xff67, 0x30, 0x31, 0, 3, 0, 5, 2, 0, 0x0f)).check?.valid).toBe(true);
  });
});
