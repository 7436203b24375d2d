#!/usr/bin/env node
import { wizen } from '../wizer/index.js';
import { isWizerWorker, runWizerWorker } from '../wizer/worker.js';
import { main } from './main.js';

if (isWizerWorker()) runWizerWorker(wizen);
else process.exitCode = await main(process.argv.slice(2));
