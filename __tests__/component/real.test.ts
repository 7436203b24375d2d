/**
 * The binary layer on a component as toolchains make them: a C reactor for wasm32-wasip1 made a
 * component with `jco embed`/`jco new` and the preview1 reactor adapter (wit-component adds the
 * adapter module, an indirect-call shim and its fixup module, WASI instance types with resources,
 * canon lowers with options, and a `component-name` section).
 */
import {
  componentEmbed,
  componentNew,
  preview1AdapterReactorPath,
  print,
} from '@bytecodealliance/jco';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInitExport } from '../../src/component/init-func.js';
import { parseComponent } from '../../src/component/parse.js';
import { rewriteComponent } from '../../src/component/rewrite.js';
import { createWasi2Host } from '../../src/wasi2/index.js';
import { compileWasi } from '../helpers/wasi-cc.js';
import { repoRoot } from '../helpers/tools.js';
import { instantiate, removeTranspiled } from './fixtures.js';
import { defaults as wasi2Defaults } from '../wasi2/helpers.js';

const SOURCE = `#include <stdio.h>
#include <stdlib.h>
static int value;
__attribute__((export_name("wizer-initialize"))) void init(void) {
  value = atoi(getenv("SEED") ? getenv("SEED") : "41") + 1;
  printf("initialized\\n");
}
__attribute__((export_name("get"))) int get(void) { return value; }
`;

const WIT = `package local:binary-layer;
world probe {
  export wizer-initialize: func();
  export get: func() -> s32;
}`;

let component: Uint8Array;

beforeAll(async () => {
  const dir = join(repoRoot, '.tmp', 'component-binary-real');
  mkdirSync(dir, { recursive: true });
  const source = join(dir, 'probe.c');
  writeFileSync(source, SOURCE);
  const core = await compileWasi({ sources: [source], flags: ['-O1', '-mexec-model=reactor'] });
  const embedded = await componentEmbed({ binary: core, witSource: WIT, world: 'probe' });
  const adapter = readFileSync(preview1AdapterReactorPath());
  component = await componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
}, 180_000);

afterAll(removeTranspiled);

function host() {
  return createWasi2Host(wasi2Defaults);
}

type Probe = { wizerInitialize?: () => void; get: () => number };

describe('a wit-component component with the preview1 adapter', () => {
  it('parses: every module, which core instance instantiates it, and the root exports', () => {
    const parsed = parseComponent(component);
    expect(parsed.modules.length).toBeGreaterThanOrEqual(3);
    for (const module of parsed.modules) {
      expect(module.instance).toBeDefined();
      const instance = parsed.coreInstances[module.instance!];
      expect(instance).toMatchObject({ kind: 'instantiate', module: module.index });
    }
    // Core instances are listed in instantiation order, each module once.
    const order = parsed.coreInstances.flatMap((i) => (i.kind === 'instantiate' ? [i.module] : []));
    expect(new Set(order).size).toBe(order.length);
    expect(parsed.exports.map((e) => [e.name, e.sort])).toEqual([
      ['wizer-initialize', 'func'],
      ['get', 'func'],
    ]);
    expect(parsed.imports.every((i) => i.type.sort === 'instance')).toBe(true);
    expect(findInitExport(parsed, 'wizer-initialize')).toMatchObject({
      kind: 'root',
      funcType: { params: 0, results: 0, async: false },
    });
    expect(rewriteComponent(component, parsed)).toEqual(component);
  });

  it('runs the same after its modules are replaced in place', async () => {
    const parsed = parseComponent(component);
    const replacements = new Map(
      parsed.modules.map((m) => {
        const bytes = component.subarray(m.range.start, m.range.end);
        // An empty custom section named "x".
        return [m.index, new Uint8Array([...bytes, 0, 2, 1, 0x78])];
      }),
    );
    const out = rewriteComponent(component, parsed, { replacements });
    expect(out.length).toBe(component.length + 4 * parsed.modules.length);
    const h = host();
    try {
      const probe = (await instantiate(out, h.imports)) as unknown as Probe;
      probe.wizerInitialize!();
      expect(probe.get()).toBe(42);
    } finally {
      h.close();
    }
  });

  it('loses only the init export when it is removed', async () => {
    const parsed = parseComponent(component);
    const out = rewriteComponent(component, parsed, { removeExport: 'wizer-initialize' });
    const text = await print(out);
    // A component-level export prints its index, `(;N;)`; a core module's export does not.
    expect(await print(component)).toMatch(/\(;\d+;\) "wizer-initialize" \(func/);
    expect(text).not.toMatch(/\(;\d+;\) "wizer-initialize" \(func/);
    // Every core module keeps its exports, the init function's included.
    expect(text).toContain('(export "wizer-initialize" (func');
    const h = host();
    try {
      const probe = (await instantiate(out, h.imports)) as unknown as Probe;
      expect(probe.wizerInitialize).toBeUndefined();
      expect(probe.get()).toBe(0);
    } finally {
      h.close();
    }
  });
});
