export { SerialScanner, SCANNER_DEFAULT_BAUD, type SerialScannerOptions } from './serial.js';
export { ScanFramer, type ScanFraming } from './framer.js';
export { HidPosScanner, type HidPosDeviceInfo, type HidPosScannerOptions, type HidReportSource } from './hid.js';
export { HidPosAssembler, parseHidPosReport, HID_POS_USAGE_PAGE, type HidPosReport } from './hid-pos.js';
