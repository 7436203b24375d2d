/**
 * Component fixtures for the binary layer, as component WAT assembled with jco's `parse`
 * (wasm-tools; the larger ones in fixtures/components/binary/), plus helpers to validate and run
 * a component through jco-transpile.
 */
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, wat } from '../helpers/tools.js';

export const assemble = (text: string): Promise<Uint8Array> => parse(text);

/** The text of `fixtures/components/binary/<name>.wat`. */
function fixture(name: string): string {
  return readFileSync(join(repoRoot, 'fixtures', 'components', 'binary', `${name}.wat`), 'utf8');
}

/** One module: a global and a memory set by `wizer-initialize`, read back by `get`. */
export const SINGLE = fixture('single');

/**
 * Three modules: $a defines a memory and a global, $b imports both (and grows the memory),
 * $unused is never instantiated. Functions are exported at the root and through an inline
 * instance exported as `my:pkg/api@1.2.0`; one export re-exports another export.
 */
export const MULTI = fixture('multi');

/**
 * A nested component without modules (as wit-component uses for type ascription): the exported
 * instance comes from instantiating it with lifted functions.
 */
export const NESTED = fixture('nested');

/** A component from wit-component (jco embed + new): imports an interface, exports one. */
export async function witComponent(): Promise<Uint8Array> {
  const core = await wat(`(module
    (import "my:pkg/host" "log" (func $log (param i32)))
    (memory (export "memory") 1)
    (global $g (mut i32) (i32.const 0))
    (func (export "wizer-initialize") (global.set $g (i32.const 42)) (call $log (i32.const 1)))
    (func (export "my:pkg/api#get") (result i32) (global.get $g))
    (func (export "my:pkg/api#twice") (result i32) (i32.mul (global.get $g) (i32.const 2))))`);
  const witSource = `package my:pkg;
    interface host { log: func(x: s32); }
    interface api { get: func() -> s32; twice: func() -> s32; }
    world w { import host; export api; export wizer-initialize: func(); }`;
  const embedded = await componentEmbed({ binary: core, witSource, world: 'w' });
  return componentNew(embedded);
}

/** Every refusal of upstream's component parse, each with the message it must give. */
export const REFUSALS: readonly { name: string; wat: string; message: string }[] = [
  {
    name: 'a nested component with a module',
    wat: `(component (component (core module)))`,
    message: 'nested components with modules not currently supported',
  },
  {
    name: 'a module instantiated twice',
    wat: `(component (core module $m) (core instance (instantiate $m)) (core instance (instantiate $m)))`,
    message: 'modules may be instantiated at most once',
  },
  {
    name: 'an outer module alias',
    wat: `(component (core module $m) (component (alias outer 1 $m (core module))))`,
    message: 'wizer does not currently support module aliases',
  },
  {
    name: 'a module alias of an instance export',
    wat: `(component (import "i" (instance $i (export "m" (core module)))) (alias export $i "m" (core module)))`,
    message: 'wizer does not currently support module aliases',
  },
  {
    name: 'an outer component alias',
    wat: `(component (component $c) (component (alias outer 1 $c (component))))`,
    message: 'wizer does not currently support component aliases',
  },
  {
    name: 'a component alias of an instance export',
    wat: `(component (import "i" (instance $i (export "c" (component)))) (alias export $i "c" (component)))`,
    message: 'wizer does not currently support component aliases',
  },
  {
    name: 'a value alias',
    wat: `(component (import "i" (instance $i (export "v" (value string)))) (alias export $i "v" (value)))`,
    message: 'wizer does not currently support value aliases',
  },
  {
    name: 'a module import',
    wat: `(component (import "m" (core module)))`,
    message: 'wizer does not currently support module imports',
  },
  {
    name: 'a component import',
    wat: `(component (import "c" (component)))`,
    message: 'wizer does not currently support component imports',
  },
  {
    name: 'a value import',
    wat: `(component (import "v" (value string)))`,
    message: 'wizer does not currently support value imports',
  },
  {
    name: 'a module export',
    wat: `(component (core module $m) (export "m" (core module $m)))`,
    message: 'wizer does not currently support module exports',
  },
  {
    name: 'a component export',
    wat: `(component (component $c) (export "c" (component $c)))`,
    message: 'wizer does not currently support component exports',
  },
  {
    name: 'a component start function',
    wat: `(component (import "f" (func $f)) (start $f))`,
    message: 'wizer does not currently support component start functions',
  },
  {
    name: 'a start function inside a nested component',
    wat: `(component (component (import "f" (func $f)) (start $f)))`,
    message: 'wizer does not currently support component start functions',
  },
];

/** A value export cannot be written without an earlier refusal; its bytes are built by hand. */
export function valueExportComponent(): Uint8Array {
  // (export "v" (value 0)): name "v", sort value (0x02), index 0, no type ascription.
  const entry = [0x00, 0x01, 0x76, 0x02, 0x00, 0x00];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x0d,
    0x00,
    0x01,
    0x00,
    11,
    entry.length + 1,
    1,
    ...entry,
  ]);
}

const transpiledRoot = join(repoRoot, '.tmp', `component-binary-test-${process.pid}`);
let transpiledCount = 0;

/**
 * Validates and instantiates a component through jco-transpile (its bindgen validates the
 * component with wasmparser first), returning the exports of the instance.
 */
export async function instantiate(
  component: Uint8Array,
  imports: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const name = `c${transpiledCount++}`;
  const { files } = await transpileBytes(component, {
    name,
    instantiation: 'async',
    emitTypescriptDeclarations: false,
  });
  const dir = join(transpiledRoot, name);
  for (const [file, bytes] of Object.entries(files)) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  const glue = (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as {
    instantiate: (
      getCoreModule: (path: string) => Promise<WebAssembly.Module>,
      imports: Record<string, unknown>,
    ) => Promise<Record<string, unknown>>;
  };
  return glue.instantiate(
    (path) => WebAssembly.compile(files[path] as Uint8Array<ArrayBuffer>),
    imports,
  );
}

export function removeTranspiled(): void {
  rmSync(transpiledRoot, { recursive: true, force: true });
}
