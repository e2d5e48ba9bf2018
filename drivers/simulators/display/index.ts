export { VirtualPoleDisplay, type VirtualPoleDisplayOptions } from './virtual-pole-display.js';
