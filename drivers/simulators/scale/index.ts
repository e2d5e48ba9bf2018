export { ScalePlatform, type PlatformAnswer } from './platform.js';
export { CasScaleSimulator } from './cas.js';
export { MassakScaleSimulator } from './massak.js';
