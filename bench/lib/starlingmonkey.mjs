// StarlingMonkey (the JS engine in ComponentizeJS 0.23) as a benchmark module: the core module
// and the exact Wizer invocation are captured from a real componentize() run, then replayed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from './cache.mjs';
import { callComponent, finishComponent, writeNodeLauncher } from './component.mjs';
import { fixturesDir, packageDir, upstreamWizerPath, workDir } from './paths.mjs';

const libDir = fileURLToPath(new URL('.', import.meta.url));
const appsDir = join(fixturesDir, 'componentize');

/** The JS apps: their sources, WIT world and the export calls that check behaviour. */
export const starlingMonkeyApps = {
  hello: {
    witPath: join(appsDir, 'hello', 'hello.wit'),
    worldName: 'hello',
    entry: 'hello.js',
    files: () => ({ 'hello.js': readFileSync(join(appsDir, 'hello', 'hello.js')) }),
    calls: [
      ['greet', ['benchmark']],
      ['nextTicket', []],
    ],
  },
  acorn: {
    witPath: join(appsDir, 'acorn-parse', 'app.wit'),
    worldName: 'acorn-parse',
    entry: 'app.js',
    files: () => {
      const acorn = readFileSync(join(packageDir('acorn'), 'dist', 'acorn.mjs'), 'utf8');
      return {
        'app.js': readFileSync(join(appsDir, 'acorn-parse', 'app.js')),
        'acorn.mjs': acorn,
        // The text parsed at the top level: acorn's own source, about 230 KB.
        'input.js': `export default ${JSON.stringify(acorn)};\n`,
      };
    },
    calls: [
      ['summary', []],
      ['parseExpression', ['(a, b) => a ** b + c?.d']],
    ],
  },
};

/**
 * Makes sure the captured invocation for one app exists (running componentize() once with a
 * recording wizerBin when the app or ComponentizeJS changed) and returns the benchmark module.
 */
export function prepareStarlingMonkey(appName) {
  const app = starlingMonkeyApps[appName];
  const baseDir = join(workDir, `starlingmonkey-${appName}`);
  const captureDir = join(baseDir, 'capture');
  const files = app.files();
  const key = contentHash([
    readFileSync(join(packageDir('@bytecodealliance/componentize-js'), 'package.json')),
    readFileSync(app.witPath),
    ...Object.entries(files).flat(),
    readFileSync(join(libDir, 'capture-wizer.mjs')),
  ]);
  const keyFile = join(captureDir, 'key');
  if (!existsSync(keyFile) || readFileSync(keyFile, 'utf8') !== key) {
    capture(app, files, baseDir, captureDir);
    writeFileSync(keyFile, key);
  }
  const invocation = JSON.parse(readFileSync(join(captureDir, 'invocation.json'), 'utf8'));
  const inputPath = join(captureDir, 'input.wasm');
  return {
    name: `StarlingMonkey (${appName} app)`,
    inputPath,
    wizerInvocation: (outPath) => relocate(invocation, captureDir, inputPath, outPath),
    validate: (outPath) => validateStarlingMonkey(app, captureDir, outPath),
  };
}

function capture(app, files, baseDir, captureDir) {
  const appDir = join(baseDir, 'app');
  rmSync(baseDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  mkdirSync(captureDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(appDir, name), content);
  const wrapper = writeNodeLauncher(
    join(baseDir, 'wizer-capture.mjs'),
    join(libDir, 'capture-wizer.mjs'),
    [captureDir, upstreamWizerPath()],
  );
  const componentPath = join(captureDir, 'componentize-js.component.wasm');
  const componentizeArgs = [join(appDir, app.entry), app.witPath, app.worldName, wrapper];
  const result = spawnSync(
    process.execPath,
    [join(libDir, 'componentize-app.mjs'), ...componentizeArgs, componentPath],
    { cwd: appDir, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`componentize() failed:\n${result.stderr}`);
}

/**
 * The captured invocation, with the captured directory trees, input module and a new output
 * path substituted for the temporary paths ComponentizeJS used.
 */
function relocate(invocation, captureDir, inputPath, outPath) {
  const moves = Object.entries(invocation.trees)
    .map(([original, copy]) => [original, resolve(captureDir, copy)])
    .sort((a, b) => b[0].length - a[0].length);
  const move = (text) => moves.reduce((t, [from, to]) => t.replaceAll(from, to), text);
  const args = invocation.args.map((arg) => {
    if (arg === invocation.input) return inputPath;
    if (arg === `-o=${invocation.output}`) return `-o=${outPath}`;
    return move(arg);
  });
  return { args, env: invocation.env, input: move(invocation.stdin) };
}

/** Turns the wizened module into a component and checks its exports answer like the reference. */
async function validateStarlingMonkey(app, captureDir, outPath) {
  const referencePath = join(captureDir, 'reference.json');
  if (!existsSync(referencePath)) {
    const reference = readFileSync(join(captureDir, 'componentize-js.component.wasm'));
    const results = await callComponent(reference, app.calls);
    writeFileSync(referencePath, `${JSON.stringify(results)}\n`);
  }
  const expected = JSON.parse(readFileSync(referencePath, 'utf8'));
  const component = await finishComponent(readFileSync(outPath), app.witPath, app.worldName);
  const actual = await callComponent(component, app.calls);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      `exports answered ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
    );
  }
  return `${app.calls.length} export call(s) match ComponentizeJS`;
}
