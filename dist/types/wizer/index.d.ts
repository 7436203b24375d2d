import { type Logger, type WizenOptions, type WizenResult } from './options.js';
export * from './options.js';
export declare function wizen(input: Uint8Array, partialOptions?: Partial<WizenOptions>, logger?: Logger): Promise<WizenResult>;
