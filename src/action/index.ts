// Entry point of the action bundle (dist/index.js). The engine re-runs this bundle as a worker
// thread for bounded (`timeout`) runs, so the worker check comes first. All logic is in main.ts.
import { wizen } from '../wizer/index.js';
import { enableLazyValidation } from '../wizer/lazy-validation.js';
import { isWizerWorker, runWizerWorker } from '../wizer/worker.js';
import { run } from './main.js';

if (isWizerWorker()) runWizerWorker(wizen);
else {
  // The action owns its process, and every input is validated in full before it is compiled.
  enableLazyValidation();
  await run();
}
