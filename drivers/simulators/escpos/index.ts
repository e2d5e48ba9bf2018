export { VirtualEscPosPrinter, elementText, type SimState, type VirtualEscPosOptions } from './virtual-printer.js';
export { startVirtualPrinterServer, type VirtualPrinterServer } from './server.js';
export { EscPosDecoder, decodeCode128, type PaperElement, type DecoderSink } from './decoder.js';
export { FIRMWARE_CODE_PAGES, codePageTable, type SimCodePage } from './codepages.js';
