import { describe, expect, it } from 'vitest';
import { findInitExport, parseItemName } from '../../src/component/init-func.js';
import { parseComponent } from '../../src/component/parse.js';
import { WizerError } from '../../src/errors.js';
import { assemble, MULTI, NESTED, SINGLE, witComponent } from './fixtures.js';

describe('parseItemName', () => {
  it('splits WIT item names like wit-parser', () => {
    expect(parseItemName('wizer-initialize')).toEqual({
      instance: undefined,
      name: 'wizer-initialize',
    });
    expect(parseItemName('iface.run')).toEqual({ instance: 'iface', name: 'run' });
    expect(parseItemName('wasi:cli/run.run')).toEqual({ instance: 'wasi:cli/run', name: 'run' });
    expect(parseItemName('foo:bar/baz.bat@0.1.0')).toEqual({
      instance: 'foo:bar/baz@0.1.0',
      name: 'bat',
    });
  });

  it('refuses what is not an item name', () => {
    for (const text of ['foo@0.1.0', 'a.b.c', '', 'x y', 'foo:bar/baz@0.1.0.bat']) {
      expect(() => parseItemName(text)).toThrow(`parsing \`${text}\` as a wit item name`);
    }
  });
});

describe('findInitExport', () => {
  it('finds a root function export and its type', async () => {
    const parsed = parseComponent(await assemble(SINGLE));
    const found = findInitExport(parsed, 'wizer-initialize');
    expect(found).toMatchObject({
      kind: 'root',
      path: ['wizer-initialize'],
      funcType: { params: 0, results: 0, async: false },
    });
    expect(findInitExport(parsed, 'get').funcType).toMatchObject({
      params: 0,
      results: 1,
      async: false,
    });
  });

  it('finds a function inside an exported instance by its bare or qualified name', async () => {
    const parsed = parseComponent(await assemble(MULTI));
    expect(findInitExport(parsed, 'setup')).toMatchObject({
      kind: 'instance',
      path: ['my:pkg/api@1.2.0', 'setup'],
      funcType: { params: 0, results: 0 },
    });
    expect(findInitExport(parsed, 'my:pkg/api.setup@1.2.0').path).toEqual([
      'my:pkg/api@1.2.0',
      'setup',
    ]);
    // Semver-compatible versions match, as in Wasmtime's export lookup.
    expect(findInitExport(parsed, 'my:pkg/api.setup@1.0.5').path).toEqual([
      'my:pkg/api@1.2.0',
      'setup',
    ]);
    // A root function wins over instance functions of the same name.
    expect(findInitExport(parsed, 'get-a')).toMatchObject({ kind: 'root', path: ['get-a'] });
  });

  it('finds functions of an instance made from a nested component, or of an inline one', async () => {
    const parsed = parseComponent(await assemble(NESTED));
    expect(findInitExport(parsed, 'read')).toMatchObject({
      path: ['local:test/iface', 'read'],
      // From the nested component's own index spaces.
      funcType: { params: 0, results: 1, async: false },
    });
    expect(findInitExport(parsed, 'local:test/iface.run').path).toEqual([
      'local:test/iface',
      'run',
    ]);
    expect(findInitExport(parsed, 'other.run')).toMatchObject({
      path: ['other', 'run'],
      funcType: { params: 0, results: 0 },
    });
  });

  it('reads the export declarations of instance types (imports, type ascriptions)', async () => {
    const parsed = parseComponent(
      await assemble(`(component
        (import "host" (instance $h
          (type $t (func (param "x" u32)))
          (export "go" (func (type $t)))
          (export "r" (type (sub resource)))))
        (export "reexported" (instance $h))
        (core module $m (func (export "f")))
        (core instance $i (instantiate $m))
        (func $f (canon lift (core func $i "f")))
        (instance $inst (export "start" (func $f)))
        (type $it (instance (type $ft (func)) (export "start" (func (type $ft)))))
        (export "ascribed" (instance $inst) (instance (type $it)))
        (alias export $h "go" (func $go))
        (export "go-too" (func $go)))`),
    );
    expect(findInitExport(parsed, 'go')).toMatchObject({
      path: ['reexported', 'go'],
      funcType: { params: 1, results: 0, async: false },
    });
    // A root export of a function aliased from an imported instance.
    expect(findInitExport(parsed, 'go-too')).toMatchObject({
      kind: 'root',
      funcType: { params: 1, results: 0, async: false },
    });
    expect(findInitExport(parsed, 'start')).toMatchObject({
      path: ['ascribed', 'start'],
      funcType: { params: 0, results: 0, async: false },
    });
  });

  it('refuses an ambiguous bare name with the candidates, as wasmtime does', async () => {
    const parsed = parseComponent(await assemble(NESTED));
    expect(() => findInitExport(parsed, 'run')).toThrow(
      'Multiple instances contained funcs named `run`, retry with a more specific name: `local:test/iface.run`, `other.run`',
    );
  });

  it("gives upstream's message when nothing matches", async () => {
    const parsed = parseComponent(await assemble(MULTI));
    for (const name of ['missing', 'my:pkg/api.missing@1.2.0', 'my:pkg/other.setup', 'get-a.x']) {
      let error: unknown;
      try {
        findInitExport(parsed, name);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WizerError);
      expect((error as Error).message).toBe(`No exported func named \`${name}\` in component.`);
    }
    // An instance is not a function, and a qualified name falls back to the root like Wasmtime.
    expect(() => findInitExport(parsed, 'my:pkg/api@1.2.0')).toThrow(WizerError);
    expect(findInitExport(parsed, 'no:such/iface.get-b').path).toEqual(['get-b']);
  });

  it('reads instance types of a wit-component component', async () => {
    const parsed = parseComponent(await witComponent());
    expect(findInitExport(parsed, 'wizer-initialize').kind).toBe('root');
    expect(findInitExport(parsed, 'twice')).toMatchObject({
      path: ['my:pkg/api', 'twice'],
      funcType: { params: 0, results: 1, async: false },
    });
    expect(findInitExport(parsed, 'my:pkg/api.get').path).toEqual(['my:pkg/api', 'get']);
  });
});
