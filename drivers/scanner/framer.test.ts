import { describe, expect, it } from 'vitest';
import { ScanFramer } from './framer.js';

const b = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const GS = '\x1d';
/** a shoe marking code: 01 GTIN, 21 serial, GS, 91 key, GS, 92 code */
const SHOES = `0104601234567893215'&Wd:<8.GJ;L${GS}91EE06${GS}92MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==`;

describe('ScanFramer: codes out of a serial scanner\'s bytes', () => {
  it('ends codes at CR, LF or CR LF without inventing empty ones', () => {
    const f = new ScanFramer();
    expect(f.push(b('4607009780870\r4600000000003\r\n2000000012342\n'))).toEqual(['4607009780870', '4600000000003', '2000000012342']);
    expect(f.push(b('\r\n\n\r'))).toEqual([]);
  });

  it('keeps a code whole when the line splits it, and a CR LF split across reads', () => {
    const f = new ScanFramer();
    expect(f.push(b('46070097'))).toEqual([]);
    expect(f.push(b('80870\r'))).toEqual(['4607009780870']);
    expect(f.push(b('\n4600000000003\r'))).toEqual(['4600000000003']);
  });

  it('passes a DataMatrix through byte for byte, GS separators and all', () => {
    const f = new ScanFramer();
    const [code] = f.push(b(`${SHOES}\r\n`));
    expect(code).toBe(SHOES);
    expect([...(code ?? '')].filter((c) => c === GS)).toHaveLength(2);
  });

  it('ends codes at the exact suffix a scanner was set to, and strips its prefix', () => {
    const f = new ScanFramer({ suffix: '\t', prefix: ']E0' });
    expect(f.push(b(']E04607009780870\t]E04600'))).toEqual(['4607009780870']);
    expect(f.push(b('000000003\t'))).toEqual(['4600000000003']);
    // with this suffix a CR is part of the code, as the scanner sent it
    expect(f.push(b('12\r34\t'))).toEqual(['12\r34']);
  });

  it('ends codes at a multi-byte suffix, even split across reads', () => {
    const f = new ScanFramer({ suffix: '\r\n' });
    expect(f.push(b('abc\r'))).toEqual([]);
    expect(f.push(b('\ndef\r\n'))).toEqual(['abc', 'def']);
  });

  it('with no suffix, hands over what it holds only when told the scanner paused', () => {
    const f = new ScanFramer({ suffix: '' });
    expect(f.push(b('4607009780870'))).toEqual([]);
    expect(f.flush()).toBe('4607009780870');
    expect(f.flush()).toBeNull();
  });

  it('drops a runaway stream that never ends a code, and reads the next one', () => {
    const f = new ScanFramer();
    expect(f.push(new Uint8Array(9000).fill(0x55))).toEqual([]);
    const codes = f.push(b('\r4607009780870\r'));
    expect(codes.at(-1)).toBe('4607009780870');
    expect(codes.every((c) => c.length < 9000)).toBe(true);
  });

  it('refuses an affix no scanner can send', () => {
    expect(() => new ScanFramer({ suffix: '¶\u2029' })).toThrow(/not a character a scanner sends/);
  });
});
