// Checks one self-test run of the action: the env vars carry its outputs; the module it wrote
// must be pre-initialized (no init export) and compute the same answer as the original.
import { readFileSync } from 'node:fs';

const modules = JSON.parse(process.env.MODULES ?? 'null');
const expectHit = process.env.EXPECT_CACHE_HIT === 'true';
const fail = (message) => {
  console.log(`::error::${message}`);
  process.exit(1);
};

if (!Array.isArray(modules) || modules.length !== 1)
  fail(`expected one module, got ${process.env.MODULES}`);
const [module] = modules;
if (module.error !== null) fail(`the module failed: ${module.error}`);
if (module.cacheHit !== expectHit) fail(`cacheHit is ${module.cacheHit}, expected ${expectHit}`);
if (process.env.CACHE_HIT !== String(expectHit))
  fail(`cache-hit output is ${process.env.CACHE_HIT}`);
if ('ARTIFACT_ID' in process.env && !/^\d+$/.test(process.env.ARTIFACT_ID))
  fail('no artifact-id output');

const wasm = readFileSync(module.output);
if (wasm.length !== module.sizeAfter)
  fail(`size ${wasm.length} differs from sizeAfter ${module.sizeAfter}`);
const { instance } = await WebAssembly.instantiate(wasm);
if ('wizer-initialize' in instance.exports) fail('the init function is still exported');
const started = performance.now();
const count = instance.exports.prime_count();
const elapsed = performance.now() - started;
// There are 148,933 primes below 2,000,000; a pre-initialized module answers without computing.
if (count !== 148933) fail(`prime_count() = ${count}`);
console.log(
  `${module.output}: ${module.sizeBefore} -> ${module.sizeAfter} bytes, prime_count() in ${elapsed.toFixed(2)} ms, cache hit: ${module.cacheHit}`,
);
