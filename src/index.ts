/** Public library entry: the pre-initializer API and its types. */
import { wizen } from './wizer/index.js';
import { isWizerWorker, runWizerWorker } from './wizer/worker.js';

// Bounded runs (`timeoutMs`) start a worker on this very bundle (dist/lib.js when installed from
// npm); there it serves wizening requests. On the main thread this does nothing.
if (isWizerWorker()) runWizerWorker(wizen);

export { wizen };
export type * from './wizer/options.js';
export { DEFAULT_OPTIONS, resolveOptions } from './wizer/options.js';
export * from './errors.js';
export { TOOL_VERSION } from './version.js';
