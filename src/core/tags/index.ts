export { tagsPdfStream, renderTagsPdf, type TagsPdfOptions } from './pdf.js';
export { tagFontFiles, tagFaces, type TagFontFiles, type TagFaces } from './fonts.js';
