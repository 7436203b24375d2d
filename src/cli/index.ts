#!/usr/bin/env -S node --liftoff-only --max-semi-space-size=1 --wasm-lazy-validation
// Run directly (npm bin, ComponentizeJS's `wizerBin`, `./dist/cli.js`), V8 gets three flags suited
// to a one-shot initialization: baseline-compiled Wasm only (optimizing hot functions mid-run
// costs more memory than it saves time for most inits), a small young generation (measured on
// SQLite and StarlingMonkey: peak RSS down 20-35 MB, time about the same) and lazy validation
// (lazy-validation.ts). `node dist/cli.js` works the same without them: it switches lazy
// validation on at run time, which costs a few milliseconds more to start.
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
