import type { PrintDoc } from '../ports/devices.js';

function fit(text: string, width: number): string {
  return text.length > width ? text.slice(0, width) : text;
}

/** The printed form as monospace text lines: what the screen shows and the virtual printer keeps. */
export function renderText(doc: PrintDoc, width: number): string[] {
  const out: string[] = [];
  for (const item of doc.items) {
    switch (item.kind) {
      case 'text': {
        const text = fit(item.text, width);
        const pad = width - text.length;
        if (item.align === 'center') out.push(' '.repeat(Math.floor(pad / 2)) + text);
        else if (item.align === 'right') out.push(' '.repeat(pad) + text);
        else out.push(text);
        break;
      }
      case 'pair': {
        const right = fit(item.right, width);
        const room = Math.max(width - right.length - 1, 0);
        const left = item.left.length > room ? item.left.slice(0, room) : item.left;
        out.push(left + ' '.repeat(width - left.length - right.length) + right);
        break;
      }
      case 'rule':
        out.push('-'.repeat(width));
        break;
      case 'barcode':
        out.push(`[${item.symbology} ${item.data}]`);
        break;
      case 'qr':
        out.push(`[qr ${item.data}]`);
        break;
      case 'feed':
        for (let i = 0; i < item.lines; i++) out.push('');
        break;
      case 'cut':
        break;
    }
  }
  return out;
}
