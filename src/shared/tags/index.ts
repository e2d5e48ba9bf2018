export { PriceTagSchema, parsePriceTag, parsePriceTags, type PriceTag } from './tag.js';
export { TAG_TEMPLATES, TAG_TEMPLATE_IDS, A4, tagTemplate, tagsPerPage, slotOrigin, slotInset, type TagTemplate, type TagTemplateId } from './templates.js';
export { priceParts, formatTagPrice, formatTagDate, pricePerKgOrLitre } from './price.js';
export {
  layoutTag, wrapText, fitText, outlineFontMetrics, EAN_GEOMETRY, NO_INSET, type OutlineFont, type TagInset,
  type TagLayout, type TagBox, type TagTextBox, type TagBarcodeBox, type TagFrameBox, type TagFont, type TagFontMetrics, type TagTextRole,
} from './layout.js';
