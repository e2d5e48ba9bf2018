export { EpsonPoleDisplay, displayLine, DISPLAY_WIDTH, DISPLAY_DEFAULT_BAUD, EPSON_PC866_TABLE, type PoleDisplayOptions } from './epson.js';
