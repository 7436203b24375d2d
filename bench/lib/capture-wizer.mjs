// Stand-in for the `wizer` executable, passed to ComponentizeJS as `wizerBin` while the benchmark
// prepares its inputs. It records the exact invocation (arguments, environment, stdin, the input
// module and every preopened directory) and then forwards it unchanged to upstream Wizer, so the
// benchmark can later replay "Wizer as ComponentizeJS runs it" against any implementation.
//
// Usage (through a launcher from writeNodeLauncher): capture-wizer.mjs <capture-dir> <upstream> ...args
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [captureDir, upstream, ...args] = process.argv.slice(2);
const stdin = readFileSync(0, 'utf8');

mkdirSync(join(captureDir, 'trees'), { recursive: true });

/** Host directories that the guest can see, each copied under trees/. */
const trees = {};
function keepTree(hostPath) {
  if (hostPath in trees) return;
  const copy = join('trees', String(Object.keys(trees).length));
  cpSync(hostPath, join(captureDir, copy), { recursive: true });
  trees[hostPath] = copy;
}

let input;
let output;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const [flag, inlineValue] = arg.startsWith('--') ? splitOnce(arg, '=') : [arg, undefined];
  const value = () => inlineValue ?? args[++i];
  if (flag === '--dir') keepTree(value());
  else if (flag === '--mapdir') keepTree(splitOnce(value(), '::')[1]);
  else if (arg.startsWith('-o'))
    output = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : args[++i];
  // The input is the last positional argument (flag values such as the init func come earlier).
  else if (!arg.startsWith('-')) input = arg;
}
if (input === undefined || output === undefined) {
  console.error(`capture-wizer: cannot find the input and output in: ${args.join(' ')}`);
  process.exit(2);
}
copyFileSync(input, join(captureDir, 'input.wasm'));

const result = spawnSync(upstream, args, {
  input: stdin,
  env: process.env,
  stdio: ['pipe', 'inherit', 'inherit'],
});
writeFileSync(
  join(captureDir, 'invocation.json'),
  `${JSON.stringify({ args, env: process.env, stdin, input, output, trees }, null, 2)}\n`,
);
process.exit(result.status ?? 1);

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}
