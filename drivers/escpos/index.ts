export { EscPosPrinter, PrinterError, type EscPosPrinterOptions } from './printer.js';
export { renderEscPos, renderCodePageTest, pairLine, printable, RenderError, TEST_PANGRAM, type RenderOptions } from './render.js';
export { PROFILES, CYRILLIC_CANDIDATES, profileWith, type PrinterProfile, type ProfileId, type CodePageChoice, type CyrillicEncoding } from './profiles.js';
export { decodeStatus, toDeviceStatus, isStatusByte, PROBLEMS, type PrinterFlags, type ProblemKey } from './status.js';
export { drawerKick, statusQuery } from './commands.js';
