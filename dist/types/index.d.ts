/** Public library entry: the pre-initializer API and its types. */
import { wizen } from './wizer/index.js';
export { wizen };
export type * from './wizer/options.js';
export { DEFAULT_OPTIONS, resolveOptions } from './wizer/options.js';
export * from './errors.js';
export { TOOL_VERSION } from './version.js';
