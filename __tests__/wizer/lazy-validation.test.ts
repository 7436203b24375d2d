/**
 * Lazy validation is a process-wide V8 setting; vitest runs each test file in its own process, so
 * switching it on here affects this file only.
 */
import { describe, expect, it } from 'vitest';
import {
  compileValidated,
  compileValidatedAsync,
  compilesWithoutValidation,
  enableLazyValidation,
  fullValidation,
} from '../../src/wizer/lazy-validation.js';

/**
 * One function of type [] -> [i32] with the given instructions; `tag` goes into a custom section,
 * so that each module's bytes are new to V8's cache of compiled modules.
 */
function oneFunction(instructions: number[], tag: number): Uint8Array {
  const body = [0x00, ...instructions, 0x0b];
  return Uint8Array.of(
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f],
    ...[0x03, 0x02, 0x01, 0x00],
    ...[0x0a, body.length + 2, 0x01, body.length, ...body],
    ...[0x00, 0x03, 0x01, 0x78, tag],
  );
}
/** `i32.const 5`: valid. */
const valid = (tag: number) => oneFunction([0x41, 0x05], tag);
/** `i32.const 5; i32.add`: one operand short. */
const invalid = (tag: number) => oneFunction([0x41, 0x05, 0x6a], tag);

describe('lazy validation', () => {
  it('finds invalid code with it off and on, with the same message', async () => {
    expect(compilesWithoutValidation()).toBe(false);
    const before = await fullValidation(invalid(2));
    expect(String(before)).toMatch(/Compiling function #0 failed: not enough arguments/);
    expect(await fullValidation(valid(1))).toBeUndefined();

    enableLazyValidation();
    expect(compilesWithoutValidation()).toBe(true);
    // V8 itself no longer notices when compiling...
    expect(() => new WebAssembly.Module(invalid(3) as Uint8Array<ArrayBuffer>)).not.toThrow();
    // ...but these do, with V8's usual message.
    const after = await fullValidation(invalid(4));
    // (Each names the API that threw, which validationFailure strips.)
    const message = (error: unknown) => String(error).replace(/^\w+: WebAssembly\.\w+\(\): /, '');
    expect(message(after)).toBe(message(before));
    expect(() => compileValidated(invalid(5))).toThrow(/Compiling function #0 failed/);
    await expect(compileValidatedAsync(invalid(6))).rejects.toThrow(/Compiling function #0/);
    expect(await fullValidation(valid(7))).toBeUndefined();
    expect(compileValidated(valid(8))).toBeInstanceOf(WebAssembly.Module);
    // Still on after an invalid module was reported.
    expect(() => new WebAssembly.Module(invalid(9) as Uint8Array<ArrayBuffer>)).not.toThrow();
  });
});
