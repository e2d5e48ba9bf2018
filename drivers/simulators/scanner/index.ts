export { ScannerSimulator, type ScannerSimulatorOptions } from './scanner.js';
