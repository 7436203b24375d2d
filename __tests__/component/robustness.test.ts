/**
 * Hostile and damaged input: every truncation and many single-byte changes of real components
 * either parse or fail with one of our typed errors (never a TypeError, RangeError or hang), and
 * whatever parses rewrites to itself and survives removing its init export.
 */
import { describe, expect, it } from 'vitest';
import { findInitExport } from '../../src/component/init-func.js';
import { parseComponent } from '../../src/component/parse.js';
import { rewriteComponent } from '../../src/component/rewrite.js';
import type { ParsedComponent } from '../../src/component/binary.js';
import { WizerError } from '../../src/errors.js';
import { assemble, MULTI, NESTED, witComponent } from './fixtures.js';

/** Parses, or returns the typed error; anything else fails the test. */
function tryParse(bytes: Uint8Array): ParsedComponent | WizerError {
  try {
    return parseComponent(bytes);
  } catch (error) {
    if (error instanceof WizerError) return error;
    throw new Error(`untyped failure: ${String(error)}`, { cause: error });
  }
}

/** What must hold for any component that parses. */
function checkParsed(bytes: Uint8Array, parsed: ParsedComponent): void {
  expect(rewriteComponent(bytes, parsed)).toEqual(bytes);
  try {
    findInitExport(parsed, 'wizer-initialize');
    findInitExport(parsed, 'get');
  } catch (error) {
    expect(error).toBeInstanceOf(WizerError);
  }
  const init = parsed.exports.find((e) => e.name === 'wizer-initialize' && e.sort === 'func');
  if (init !== undefined) {
    const out = rewriteComponent(bytes, parsed, { removeExport: init.name });
    // What parsed before parses after, with one export less.
    expect(parseComponent(out).exports).toHaveLength(parsed.exports.length - 1);
  }
}

describe('damaged components', () => {
  it('fails cleanly at every truncation', async () => {
    for (const bytes of [await assemble(MULTI), await assemble(NESTED), await witComponent()]) {
      for (let length = 0; length < bytes.length; length++) {
        const result = tryParse(bytes.subarray(0, length));
        if (!(result instanceof WizerError)) checkParsed(bytes.subarray(0, length), result);
      }
    }
  });

  it('fails cleanly or still works after single-byte changes', async () => {
    for (const bytes of [await assemble(MULTI), await witComponent()]) {
      for (let at = 8; at < bytes.length; at++) {
        for (const value of [0x00, 0x01, 0x7f, 0x80, 0xff, bytes[at]! ^ 0x01]) {
          const changed = bytes.slice();
          changed[at] = value;
          const result = tryParse(changed);
          if (!(result instanceof WizerError)) checkParsed(changed, result);
        }
      }
    }
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    // 200 components, each the only section of the one around it.
    let inner = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
    for (let i = 0; i < 200; i++) {
      const size: number[] = [];
      let n = inner.length;
      do {
        size.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
        n >>>= 7;
      } while (n !== 0);
      inner = new Uint8Array([...inner.subarray(0, 8), 4, ...size, ...inner]);
    }
    expect(() => parseComponent(inner)).toThrow(/nesting too deep \(more than 100 levels\)/);
  });
});
