export { VirtualLabelPrinter, type LabelSimState, type VirtualLabelOptions } from './virtual-label-printer.js';
export { startVirtualLabelServer, type VirtualLabelServer } from './server.js';
export { TsplDecoder } from './tspl-decoder.js';
export { ZplDecoder } from './zpl-decoder.js';
export { labelImage } from './image.js';
export { bitmapToPng } from './png.js';
export type { DecodedLabel, DecodedBarcode, DecodedText, DecodedBitmap, LabelSink } from './decoded.js';
