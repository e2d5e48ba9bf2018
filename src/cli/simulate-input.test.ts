import { describe, expect, it } from 'vitest';
import { ScalePlatform } from '../../drivers/simulators/scale/platform.js';
import { applyScaleCommand } from './simulate-scale.js';
import { typedCode } from './simulate-scanner.js';

describe('what a person types to the scale simulator', () => {
  it('sets the load, its swing and the faults, and says what the scale would answer', () => {
    const p = new ScalePlatform();
    const say = (line: string) => {
      expect(applyScaleCommand(p, line)).toBeNull();
      return p.describe();
    };
    expect(say('1250')).toBe('1250 g, stable');
    expect(say(' ~-40 ')).toBe('-40 g, unstable');
    expect(say('EMPTY')).toBe('0 g, stable');
    expect(say('overload')).toBe('overload (31000 g > 30000 g), stable');
    expect(say('garbage 3')).toMatch(/; garbage ×3$/);
    expect(say('garbage')).toMatch(/; garbage ×1$/);
    expect(say('silent')).toMatch(/; silent, garbage ×1$/);
    expect(say('notready')).toMatch(/; silent, not ready, garbage ×1$/);
    say('back');
    expect(p.silent || p.notReady).toBe(false);
    expect(applyScaleCommand(p, '12.5')).toBe('not a scale command: "12.5"');
  });
});

describe('what a person types to the scanner simulator', () => {
  it('turns <GS> and \\x1d into the GS byte a terminal cannot type', () => {
    expect(typedCode('0104601234567893215abc<GS>91EE06<gs>92xyz\\x1D93ab')).toBe('0104601234567893215abc\x1d91EE06\x1d92xyz\x1d93ab');
    expect(typedCode('4607009780870')).toBe('4607009780870');
  });
});
