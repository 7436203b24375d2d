import { type Logger, type WizenOptions, type WizenReport, type WizenResult } from './options.js';
export * from './options.js';
export declare function wizen(input: Uint8Array, partialOptions?: Partial<WizenOptions>, logger?: Logger): Promise<WizenResult>;
/** The output as the chunks it is made of (see `rewriteParts`), for writing to a file as it is. */
export interface WizenParts {
    parts: Uint8Array[];
    report: WizenReport;
}
/** `wizen`, without assembling the output into one buffer. */
export declare function wizenParts(input: Uint8Array, partialOptions?: Partial<WizenOptions>, logger?: Logger): Promise<WizenParts>;
