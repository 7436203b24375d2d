// `npm run demo`: wizens the bundled example with the bundled CLI (dist/cli.js) and shows what
// changed and how much faster the wizened module starts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.tmp', 'demo');
mkdirSync(work, { recursive: true });
const input = join(work, 'primes.wasm');
const output = join(work, 'primes.wizer.wasm');

const wabt = await wabtInit();
const parsed = wabt.parseWat(
  'primes.wat',
  readFileSync(join(root, 'examples', 'primes.wat'), 'utf8'),
);
writeFileSync(input, parsed.toBinary({}).buffer);
parsed.destroy();

const cli = join(root, 'dist', 'cli.js');
console.log(`$ wizer ${relative(root, input)} -o ${relative(root, output)}`);
const started = performance.now();
execFileSync(process.execPath, [cli, input, '-o', output], { stdio: 'inherit' });
console.log(`wizened in ${(performance.now() - started).toFixed(0)} ms\n`);

/** Median time to compile, instantiate and answer the first query, over `runs` fresh starts. */
function startUp(bytes, runs = 5) {
  const times = [];
  let answer;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    answer = instance.exports.prime_count();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)], answer };
}

const before = startUp(readFileSync(input));
const after = startUp(readFileSync(output));
const rows = [
  ['', 'original', 'wizened'],
  ['size (bytes)', statSync(input).size, statSync(output).size],
  ['first prime_count() answer', before.answer, after.answer],
  ['start-up + first call (ms)', before.ms.toFixed(2), after.ms.toFixed(2)],
];
for (const row of rows)
  console.log(row.map((c, i) => String(c).padEnd(i === 0 ? 28 : 12)).join(''));
if (before.answer !== after.answer) {
  console.error('the wizened module answers differently from the original');
  process.exit(1);
}
console.log(`\nstart-up is ${(before.ms / after.ms).toFixed(0)}x faster after pre-initialization`);
