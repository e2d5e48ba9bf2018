import { describe, expect, it } from 'vitest';
import { tagFontFiles } from '../../src/core/tags/fonts.js';
import { inkAt, inkCount } from './bitmap.js';
import { LabelFace } from './face.js';
import { fillContours } from './raster.js';

const face = new LabelFace(tagFontFiles());

describe('text rasterised from glyph outlines', () => {
  it('fills a square exactly and leaves the hole of a ring (non-zero winding)', () => {
    const square = fillContours([[[2, 2], [12, 2], [12, 12], [2, 12]]], 16, 16);
    expect(inkCount(square)).toBe(100);
    // an outer square and an inner one wound the other way: a frame 2 dots wide
    const ring = fillContours([[[0, 0], [10, 0], [10, 10], [0, 10]], [[2, 2], [2, 8], [8, 8], [8, 2]]], 10, 10);
    expect(inkCount(ring)).toBe(100 - 36);
    expect(inkAt(ring, 5, 5)).toBe(false);
    expect(inkAt(ring, 1, 5)).toBe(true);
  });

  it('draws a Cyrillic О as a ring and Ш as three stems joined at the foot', () => {
    const o = face.render('О', 'bold', 48);
    const mid = o.baseline - Math.round(48 * face.metrics.capHeight / 2);
    const row = Array.from({ length: o.bitmap.width }, (_, x) => (inkAt(o.bitmap, x, mid) ? '#' : '.')).join('');
    // ink, white counter, ink across the middle of the letter
    expect(row).toMatch(/^\.*#+\.+#+\.*$/);
    const sha = face.render('Ш', 'regular', 48);
    const upper = sha.baseline - Math.round(48 * face.metrics.capHeight * 0.7);
    const stems = Array.from({ length: sha.bitmap.width }, (_, x) => (inkAt(sha.bitmap, x, upper) ? '#' : '.')).join('');
    expect(stems.match(/#+/g)).toHaveLength(3);
    const foot = Array.from({ length: sha.bitmap.width }, (_, x) => (inkAt(sha.bitmap, x, sha.baseline - 2) ? '#' : '.')).join('');
    expect(foot.match(/#+/g)).toHaveLength(1);
  });

  it('puts no ink above the capitals or below the baseline for digits, and none for a space', () => {
    const digits = face.render('1234567890', 'bold', 40);
    const top = digits.baseline - Math.ceil(40 * face.metrics.capHeight) - 1;
    expect(inkCount(digits.bitmap, 0, 0, digits.bitmap.width, top)).toBe(0);
    expect(inkCount(digits.bitmap, 0, digits.baseline + 1)).toBe(0);
    expect(inkCount(digits.bitmap)).toBeGreaterThan(400);
    expect(inkCount(face.render('   ', 'regular', 40).bitmap)).toBe(0);
  });

  it('sets text as wide as the layout measured it', () => {
    const text = 'Молоко «Домик в деревне» 3,2%';
    const image = face.render(text, 'bold', 25.6);
    const measured = face.metrics.width(text, 'bold', 25.6);
    expect(Math.abs(image.bitmap.width - measured)).toBeLessThanOrEqual(2);
    let right = 0;
    for (let x = 0; x < image.bitmap.width; x++) if (inkCount(image.bitmap, x, 0, x + 1) > 0) right = x;
    expect(right).toBeGreaterThan(measured * 0.95);
  });
});
