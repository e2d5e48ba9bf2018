import type { PriceTag, TagTemplate } from '../../shared/tags/index.js';
import type { DeviceStatus } from './devices.js';

/**
 * A thermal label printer for price tags (TSPL or ZPL). It lays each tag out with the
 * template as the PDF does, on labels of the template's label size, one label per tag.
 */
export interface LabelPrinter {
  readonly language: 'tspl' | 'zpl';
  readonly dpi: 203 | 300;
  /**
   * Prints the tags in order; rejects with an i18n problem key (devices.paperOut, …) and prints nothing when not ready.
   * Callers with a long run hand it over in chunks: the printer is asked again before each.
   */
  print(tags: readonly PriceTag[], template: TagTemplate): Promise<void>;
  /** A service label (the language and resolution, a Cyrillic line, an EAN-13): does the printer understand us? */
  printTest(): Promise<void>;
  /** ok when ready; problems: devices.offline, paperOut, paperJam, coverOpen, ribbonOut, paused, printerError */
  status(): Promise<DeviceStatus>;
}
