import { describe, expect, it } from 'vitest';
import { wizen } from '../../src/wizer/index.js';
import { wat } from '../helpers/tools.js';

async function run(text: string, options = {}) {
  const input = await wat(text);
  const { wasm, report } = await wizen(input, options);
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const instance = new WebAssembly.Instance(module, {});
  return { wasm, report, module, instance };
}

describe('wizen', () => {
  it('bakes a mutable global and memory writes, and removes the init export', async () => {
    const { instance, report } = await run(`
      (module
        (memory (export "memory") 1 10)
        (global $g (mut i32) (i32.const 0))
        (func (export "wizer-initialize")
          (global.set $g (i32.const 42))
          (i32.store (i32.const 100) (i32.const 0x01020304))
          (drop (memory.grow (i32.const 1))))
        (func (export "get") (result i32) global.get $g))`);
    expect((instance.exports['get'] as () => number)()).toBe(42);
    expect(Object.keys(instance.exports)).toEqual(['memory', 'get']);
    const mem = new Uint8Array((instance.exports['memory'] as WebAssembly.Memory).buffer);
    expect(mem.length).toBe(2 * 65536);
    expect(Array.from(mem.subarray(100, 104))).toEqual([4, 3, 2, 1]);
    expect(report.segments).toBe(1);
  });

  it('keeps f32 NaN payloads, -0.0 and v128 bits exactly', async () => {
    const { wasm } = await run(`
      (module
        (global $f (mut f32) (f32.const 0))
        (global $d (mut f64) (f64.const 0))
        (global $v (mut v128) (v128.const i64x2 0 0))
        (func (export "wizer-initialize")
          (global.set $f (f32.reinterpret_i32 (i32.const 0x7fa00001)))
          (global.set $d (f64.const -0.0))
          (global.set $v (v128.const i32x4 1 2 3 0xffffffff))))`);
    const hex = Buffer.from(wasm).toString('hex');
    expect(hex).toContain('43' + '0100a07f'); // f32.const with the NaN payload
    expect(hex).toContain('44' + '0000000000000080'); // f64.const -0.0
    expect(hex).toContain('fd0c' + '01000000' + '02000000' + '03000000' + 'ffffffff');
  });
});

describe('wizen guest environment', () => {
  it('lets explicit variables replace inherited ones instead of repeating them', async () => {
    const input = await wat(`
      (module
        (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "environ_get" (func $get (param i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "wizer-initialize")
          (drop (call $sizes (i32.const 0) (i32.const 4)))
          (drop (call $get (i32.const 16) (i32.const 4096)))))`);
    process.env['WIZEN_TEST_VAR'] = 'inherited';
    try {
      const { wasm } = await wizen(input, {
        allowWasi: true,
        inheritEnv: true,
        env: [['WIZEN_TEST_VAR', 'explicit']],
      });
      const instance = new WebAssembly.Instance(
        new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>),
        {
          wasi_snapshot_preview1: { environ_sizes_get: () => 0, environ_get: () => 0 },
        },
      );
      const memory = new Uint8Array((instance.exports['memory'] as WebAssembly.Memory).buffer);
      const size = new DataView(memory.buffer).getUint32(4, true);
      const text = Buffer.from(memory.subarray(4096, 4096 + size)).toString('utf8');
      expect(text.split('\0').filter((e) => e.startsWith('WIZEN_TEST_VAR='))).toEqual([
        'WIZEN_TEST_VAR=explicit',
      ]);
    } finally {
      delete process.env['WIZEN_TEST_VAR'];
    }
  });
});
