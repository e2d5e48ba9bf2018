export { TagLabelPrinter, LabelPrinterError, type LabelPrinterOptions } from './printer.js';
export { LabelFace, type LabelFontFiles, type TextImage } from './face.js';
export { tagLabel, dotsPerMm, type Label, type LabelElement, type Dpi } from './label.js';
export { encodeTspl, TSPL_STATUS_QUERY } from './tspl.js';
export { encodeZpl, ZPL_STATUS_QUERY } from './zpl.js';
export { decodeTsplStatus, encodeTsplStatus, decodeZplStatus, encodeZplStatus, zplStatusLines, toLabelStatus, LABEL_PROBLEMS, type LabelFlags } from './status.js';
export { blankBitmap, inkAt, inkCount, inkSpan, drawBitmap, type Bitmap } from './bitmap.js';
