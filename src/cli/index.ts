#!/usr/bin/env -S node --liftoff-only --max-semi-space-size=1
// Run directly (npm bin, ComponentizeJS's `wizerBin`, `./dist/cli.js`), V8 gets two flags suited
// to a one-shot initialization: baseline-compiled Wasm only (optimizing hot functions mid-run
// costs more memory than it saves time for most inits) and a small young generation. Measured on
// SQLite and StarlingMonkey: peak RSS down 20-35 MB, time about the same. `node dist/cli.js`
// works the same without them. Lazy validation (lazy-validation.ts) is set at run time instead:
// an unknown flag on the `#!` line would stop Node, an unknown one set at run time is ignored.
import { wizen } from '../wizer/index.js';
import { enableLazyValidation } from '../wizer/lazy-validation.js';
import { isWizerWorker, runWizerWorker } from '../wizer/worker.js';
import { main } from './main.js';

if (isWizerWorker()) runWizerWorker(wizen);
else {
  // This process runs one wizening, whose input is validated in full before it is compiled.
  enableLazyValidation();
  process.exitCode = await main(process.argv.slice(2));
}
