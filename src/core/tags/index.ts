export { tagsPdfStream, renderTagsPdf, type TagsPdfOptions } from './pdf.js';
export { tagFontFiles, fontMetrics, type TagFontFiles } from './fonts.js';
