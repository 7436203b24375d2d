export const id = 437;
export const ids = [437];
export const modules = {

/***/ 437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Uy: () => (/* binding */ addOptimizeReports),
  optimizeOutput: () => (/* binding */ optimizeOutput)
});

// UNUSED EXPORTS: OptimizeArgsError, optimizeModule, parseOptimizeArgs

// EXTERNAL MODULE: ./src/errors.ts + 1 modules
var errors = __webpack_require__(442);
// EXTERNAL MODULE: ./src/wasm/constants.ts
var constants = __webpack_require__(977);
// EXTERNAL MODULE: ./src/wasm/module.ts
var wasm_module = __webpack_require__(250);
// EXTERNAL MODULE: ./src/wasm/reader.ts
var reader = __webpack_require__(425);
// EXTERNAL MODULE: ./src/wasm/writer.ts
var writer = __webpack_require__(801);
;// CONCATENATED MODULE: ./src/optimize/passes.ts
/**
 * The pass names binaryen 132's `wasm-opt` accepts (its `--help`, "Optimization passes"): a name
 * binaryen does not know would abort it, so unknown names are refused before it is loaded.
 */
const KNOWN_PASSES = new Set([
    'abstract-type-refining',
    'alignment-lowering',
    'asyncify',
    'avoid-reinterprets',
    'cfp',
    'cfp-reftest',
    'coalesce-locals',
    'coalesce-locals-learning',
    'code-folding',
    'code-pushing',
    'const-hoisting',
    'constraint-analysis',
    'dae',
    'dae-optimizing',
    'dae2',
    'dce',
    'dealign',
    'denan',
    'dfo',
    'directize',
    'discard-global-effects',
    'duplicate-function-elimination',
    'duplicate-import-elimination',
    'dwarfdump',
    'emit-target-features',
    'enclose-world',
    'extract-function',
    'extract-function-index',
    'flatten',
    'fpcast-emu',
    'func-metrics',
    'generate-dyncalls',
    'generate-global-effects',
    'generate-i64-dyncalls',
    'global-refining',
    'gsi',
    'gsi-desc-cast',
    'gto',
    'gufa',
    'gufa-cast-all',
    'gufa-optimizing',
    'heap-store-optimization',
    'heap2local',
    'i64-to-i32-lowering',
    'inline-main',
    'inlining',
    'inlining-optimizing',
    'instrument-branch-hints',
    'instrument-locals',
    'instrument-memory',
    'intrinsic-lowering',
    'legalize-and-prune-js-interface',
    'legalize-js-interface',
    'licm',
    'limit-segments',
    'llvm-memory-copy-fill-lowering',
    'llvm-nontrapping-fptoint-lowering',
    'local-cse',
    'local-subtyping',
    'log-execution',
    'make-shared-objects',
    'mark-js-called',
    'memory-packing',
    'memory64-lowering',
    'merge-blocks',
    'merge-j2cl-itables',
    'merge-locals',
    'merge-similar-functions',
    'metrics',
    'minify-imports',
    'minify-imports-and-exports',
    'minify-imports-and-exports-and-modules',
    'minimize-rec-groups',
    'monomorphize',
    'monomorphize-always',
    'multi-memory-lowering',
    'multi-memory-lowering-with-bounds-checks',
    'name-types',
    'nm',
    'no-full-inline',
    'no-inline',
    'no-partial-inline',
    'once-reduction',
    'optimize-added-constants',
    'optimize-added-constants-propagate',
    'optimize-casts',
    'optimize-for-js',
    'optimize-instructions',
    'optimize-j2cl',
    'pick-load-signs',
    'poppify',
    'post-emscripten',
    'precompute',
    'precompute-propagate',
    'print',
    'print-boundary',
    'print-call-graph',
    'print-features',
    'print-full',
    'print-function-map',
    'print-minified',
    'propagate-debug-locs',
    'propagate-globals-globally',
    'remove-exports',
    'remove-imports',
    'remove-memory',
    'remove-memory-init',
    'remove-non-js-ops',
    'remove-relaxed-simd',
    'remove-unused-brs',
    'remove-unused-module-elements',
    'remove-unused-names',
    'remove-unused-nonfunction-module-elements',
    'remove-unused-types',
    'reorder-functions',
    'reorder-functions-by-name',
    'reorder-globals',
    'reorder-locals',
    'reorder-types',
    'rereloop',
    'roundtrip',
    'rse',
    'safe-heap',
    'separate-data-segments',
    'set-globals',
    'signature-pruning',
    'signature-refining',
    'signext-lowering',
    'simplify-globals',
    'simplify-globals-optimizing',
    'simplify-locals',
    'simplify-locals-nonesting',
    'simplify-locals-nostructure',
    'simplify-locals-notee',
    'simplify-locals-notee-nostructure',
    'souperify',
    'souperify-single-use',
    'spill-pointers',
    'ssa',
    'ssa-nomerge',
    'stack-check',
    'string-gathering',
    'string-lifting',
    'string-lowering',
    'string-lowering-magic-imports',
    'string-lowering-magic-imports-assert',
    'strip',
    'strip-debug',
    'strip-dwarf',
    'strip-eh',
    'strip-producers',
    'strip-target-features',
    'strip-toolchain-annotations',
    'stub-unsupported-js',
    'symbolmap',
    'table64-lowering',
    'trace-calls',
    'translate-to-exnref',
    'translate-to-new-eh',
    'trap-mode-clamp',
    'trap-mode-js',
    'tuple-optimization',
    'type-finalizing',
    'type-merging',
    'type-refining',
    'type-refining-gufa',
    'type-ssa',
    'type-unfinalizing',
    'unsubtyping',
    'untee',
    'vacuum',
]);

;// CONCATENATED MODULE: ./src/optimize/args.ts
/**
 * `--optimize` arguments: a subset of `wasm-opt`'s command line in one string, e.g.
 * `-O3 --strip-debug` or `--remove-unused-module-elements --memory-packing -g`. Pure: the
 * string in, the steps out, or an {@link OptimizeArgsError} naming the bad word.
 */

class OptimizeArgsError extends Error {
    name = 'OptimizeArgsError';
}
/** `wasm-opt`'s levels: `-O` is `-Os`; `-Os`/`-Oz` shrink on top of level 2. */
const LEVELS = {
    '-O': [2, 1],
    '-O0': [0, 0],
    '-O1': [1, 0],
    '-O2': [2, 0],
    '-O3': [3, 0],
    '-O4': [4, 0],
    '-Os': [2, 1],
    '-Oz': [2, 2],
};
function parseOptimizeArgs(text) {
    const words = text.split(/\s+/).filter((word) => word !== '');
    if (words.length === 0) {
        throw new OptimizeArgsError('no optimization given (e.g. `-O`, `-Oz`, `--strip-debug`)');
    }
    const args = { steps: [], debugInfo: false, optimizeLevel: 0, shrinkLevel: 0 };
    for (const word of words) {
        const level = LEVELS[word];
        if (level !== undefined) {
            args.steps.push({ kind: 'level', optimize: level[0], shrink: level[1], flag: word });
            [args.optimizeLevel, args.shrinkLevel] = level;
        }
        else if (word === '-g' || word === '--debuginfo') {
            args.debugInfo = true;
        }
        else if (word.startsWith('--') && KNOWN_PASSES.has(word.slice(2))) {
            args.steps.push({ kind: 'pass', name: word.slice(2) });
        }
        else if (/^-O/.test(word)) {
            throw new OptimizeArgsError(`unknown optimization level \`${word}\` (expected -O, -O0, -O1, -O2, -O3, -O4, -Os or -Oz)`);
        }
        else {
            throw new OptimizeArgsError(`unknown optimization pass or option \`${word}\` (binaryen's pass names, as \`wasm-opt --help\` lists them, each with \`--\`; levels -O..-Oz; -g)`);
        }
    }
    return args;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(136);
;// CONCATENATED MODULE: ./src/optimize/binaryen.ts
/**
 * Loading binaryen.js (npm `binaryen`, Binaryen compiled to Wasm, 15 MB): only when an
 * optimization is asked for (it costs about half a second and 100 MB), once per process. From
 * `binaryen/` beside the bundle (scripts/build.mjs copies it), else the installed package.
 */





/** Directory beside the bundle that scripts/build.mjs fills with binaryen.js. */
const BUNDLED_BINARYEN_DIR = 'binaryen';
const ENTRY = 'index.js';
let loading;
function loadBinaryen() {
    loading ??= load().catch((error) => {
        loading = undefined;
        throw error;
    });
    return loading;
}
async function load() {
    const module = (await import(
    /* webpackIgnore: true */
    (0,external_node_url_.pathToFileURL)(binaryenEntry()).href));
    return module.default;
}
function binaryenEntry() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const bundled = (0,external_node_path_.join)(here, BUNDLED_BINARYEN_DIR, ENTRY);
    if ((0,external_node_fs_.existsSync)(bundled))
        return bundled;
    // A name in an array keeps bundlers from trying to inline the package.
    for (const name of ['binaryen']) {
        try {
            return (0,external_node_module_.createRequire)(import.meta.url).resolve(name);
        }
        catch {
            // not installed: reported below
        }
    }
    throw new errors/* WizerError */.Mx('optimizing needs binaryen.js, which is neither beside this bundle ' +
        `(\`${BUNDLED_BINARYEN_DIR}/\`) nor installed (npm \`binaryen\`)`);
}

// EXTERNAL MODULE: ./src/sources/index.ts + 2 modules
var sources = __webpack_require__(935);
;// CONCATENATED MODULE: ./src/optimize/index.ts
/**
 * Post-initialization optimization with binaryen (`--optimize`, beyond upstream), in the same step
 * as the wizening: after init, the init function and everything only it reached are dead, so
 * binaryen's `remove-unused-module-elements` (part of every default pipeline) drops them.
 *
 * What comes out, besides binaryen's code:
 * - features: the module's own `target_features` when it has one, else everything binaryen knows
 *   except "compact imports" (binaryen would write a section V8 rejects); the result must
 *   validate in V8, or it is an error (never an invalid module);
 * - custom sections: binaryen's are dropped and the input's put back byte for byte (`producers`,
 *   `component-type`, ...; those before the first known section first, the rest at the end),
 *   except `name`, kept only with `-g` (binaryen's, with only the kinds of names the input had:
 *   binaryen names the locals it adds too), and DWARF (`.debug_*`) and `sourceMappingURL`, which
 *   would describe code that is no longer there;
 * - binaryen's global settings (levels, debug info, Stack IR) are set for the run and restored.
 */









/** Optimizes one core module as `args` (a `--optimize` string) asks. */
async function optimizeModule(wasm, args) {
    const parsed = parseOptimizeArgs(args);
    const started = (0,sources/* monotonicMs */.dR)();
    const binaryen = await loadBinaryen();
    const sections = (0,wasm_module/* readSections */.jn)(wasm);
    const optimized = runBinaryen(binaryen, wasm, parsed, features(binaryen, wasm, sections));
    const output = withInputCustomSections(optimized, wasm, sections, parsed.debugInfo);
    if (!WebAssembly.validate(output)) {
        throw new errors/* WizerError */.Mx('binaryen produced a module V8 does not accept', {
            cause: 'try fewer passes or a lower level; nothing was written',
        });
    }
    return {
        wasm: output,
        report: {
            ms: (0,sources/* monotonicMs */.dR)() - started,
            bytesBefore: wasm.length,
            bytesAfter: output.length,
        },
    };
}
function runBinaryen(binaryen, wasm, args, featureSet) {
    const saved = {
        optimize: binaryen.getOptimizeLevel(),
        shrink: binaryen.getShrinkLevel(),
        debugInfo: binaryen.getDebugInfo(),
        generateStackIR: binaryen.getGenerateStackIR(),
        optimizeStackIR: binaryen.getOptimizeStackIR(),
    };
    let module;
    try {
        module = binaryen.readBinary(wasm, featureSet);
        // As wasm-opt does by default: binaryen's passes assume a module valid with its features.
        if (module.validate() === 0) {
            throw new Error('binaryen finds the module invalid with the features it declares (target_features) or, ' +
                'without that section, with every feature it knows');
        }
        binaryen.setDebugInfo(args.debugInfo);
        binaryen.setOptimizeLevel(args.optimizeLevel);
        binaryen.setShrinkLevel(args.shrinkLevel);
        for (const step of args.steps) {
            if (step.kind === 'pass') {
                module.runPasses([step.name]);
            }
            else {
                binaryen.setOptimizeLevel(step.optimize);
                binaryen.setShrinkLevel(step.shrink);
                if (step.optimize > 0 || step.shrink > 0)
                    module.optimize();
                binaryen.setOptimizeLevel(args.optimizeLevel);
                binaryen.setShrinkLevel(args.shrinkLevel);
            }
        }
        // wasm-opt writes through optimized "Stack IR" from -O2/-Os up (binaryen.js does not by
        // default): up to 27 KB smaller code on StarlingMonkey, the same bytes as wasm-opt.
        const stackIR = args.optimizeLevel >= 2 || args.shrinkLevel >= 1;
        binaryen.setGenerateStackIR(stackIR);
        binaryen.setOptimizeStackIR(stackIR);
        return module.emitBinary();
    }
    catch (error) {
        throw new errors/* WizerError */.Mx('binaryen failed to optimize the module', { cause: binaryenCause(error) });
    }
    finally {
        module?.dispose();
        binaryen.setOptimizeLevel(saved.optimize);
        binaryen.setShrinkLevel(saved.shrink);
        binaryen.setDebugInfo(saved.debugInfo);
        binaryen.setGenerateStackIR(saved.generateStackIR);
        binaryen.setOptimizeStackIR(saved.optimizeStackIR);
    }
}
/** Binaryen aborts as an Emscripten program does; out of memory is the common case. */
function binaryenCause(error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/memory|Aborted\(OOM\)|Cannot enlarge/i.test(text)) {
        return `binaryen ran out of memory (its heap is capped at 4 GiB): ${text}`;
    }
    return text;
}
/** LLVM's `target_features` names and binaryen's flags for them. */
const FEATURE_NAMES = {
    atomics: 'Atomics',
    'bulk-memory': 'BulkMemory',
    'bulk-memory-opt': 'BulkMemoryOpt',
    'call-indirect-overlong': 'CallIndirectOverlong',
    'exception-handling': 'ExceptionHandling',
    'extended-const': 'ExtendedConst',
    fp16: 'FP16',
    gc: 'GC',
    memory64: 'Memory64',
    multimemory: 'MultiMemory',
    multivalue: 'Multivalue',
    'mutable-globals': 'MutableGlobals',
    'nontrapping-fptoint': 'NontrappingFPToInt',
    'reference-types': 'ReferenceTypes',
    'relaxed-simd': 'RelaxedSIMD',
    'sign-ext': 'SignExt',
    simd128: 'SIMD128',
    'tail-call': 'TailCall',
    'wide-arithmetic': 'WideArithmetic',
    'custom-page-sizes': 'CustomPageSizes',
};
function features(binaryen, wasm, sections) {
    const flag = (name) => binaryen.Features[name] ?? 0;
    const section = sections.find((s) => s.customName === 'target_features');
    if (section === undefined)
        return flag('All') & ~flag('CompactImports');
    let set = flag('MutableGlobals');
    const r = new reader/* BinaryReader */.V(wasm, section.payloadStart, section.end);
    r.name();
    for (let n = r.u32(); n > 0; n--) {
        const prefix = r.u8();
        const name = FEATURE_NAMES[r.name()];
        if (name === undefined)
            continue;
        // '+' used, '=' required; '-' disallowed.
        if (prefix === 0x2b || prefix === 0x3d)
            set |= flag(name);
    }
    return set;
}
/** Custom sections that describe code and would be wrong after optimization. */
function staleAfterOptimizing(name) {
    return (name.startsWith('.debug_') || name === 'sourceMappingURL' || name === 'external_debug_info');
}
function withInputCustomSections(optimized, input, inputSections, keepNames) {
    const firstKnown = inputSections.findIndex((s) => s.id !== constants/* SectionId */.PN.Custom);
    const carried = (from, to) => inputSections
        .slice(from, to)
        .filter((s) => s.id === constants/* SectionId */.PN.Custom &&
        s.customName !== 'name' &&
        !staleAfterOptimizing(s.customName ?? ''))
        .map((s) => input.subarray(s.start, s.end));
    const leading = firstKnown < 0 ? [] : carried(0, firstKnown);
    const trailing = carried(firstKnown < 0 ? 0 : firstKnown, inputSections.length);
    const out = (0,wasm_module/* readSections */.jn)(optimized);
    const known = out.filter((s) => s.id !== constants/* SectionId */.PN.Custom);
    const slice = (s) => optimized.subarray(s.start, s.end);
    const inputNames = inputSections.find((s) => s.customName === 'name');
    const outputNames = out.find((s) => s.customName === 'name');
    const names = keepNames && inputNames !== undefined && outputNames !== undefined
        ? nameSectionLike(optimized, outputNames, nameSubsections(input, inputNames))
        : [];
    return (0,writer/* concatChunks */.JD)([
        optimized.subarray(0, 8),
        ...leading,
        ...known.map(slice),
        ...names,
        ...trailing,
    ]);
}
/** The ids of a name section's subsections (1 functions, 2 locals, 7 globals, ...). */
function nameSubsections(bytes, section) {
    const ids = new Set();
    const r = new reader/* BinaryReader */.V(bytes, section.payloadStart, section.end);
    r.name();
    while (!r.eof) {
        ids.add(r.u8());
        const size = r.u32();
        r.pos += size;
    }
    return ids;
}
/**
 * Binaryen's name section (`-g`) with only the kinds of names the input had: binaryen also names
 * the scratch locals it adds (about 80 KB on StarlingMonkey), which an input without local names
 * should not gain.
 */
function nameSectionLike(bytes, section, kinds) {
    const r = new reader/* BinaryReader */.V(bytes, section.payloadStart, section.end);
    r.name();
    const header = bytes.subarray(section.payloadStart, r.pos); // the name "name"
    const kept = [];
    while (!r.eof) {
        const start = r.pos;
        const id = r.u8();
        const size = r.u32();
        r.pos += size;
        if (kinds.has(id))
            kept.push(bytes.subarray(start, r.pos));
    }
    if (kept.length === 0)
        return [];
    const payload = (0,writer/* concatChunks */.JD)([header, ...kept]);
    return [(0,writer/* sectionHeader */.bV)(constants/* SectionId */.PN.Custom, payload.length), payload];
}
/** `--optimize`: binaryen on the output, with a debug line saying what it did. */
async function optimizeOutput(wasm, options, logger) {
    if (options.optimize === undefined)
        return undefined;
    logger.debug(`Optimizing with binaryen (${options.optimize})`, 'optimize');
    const result = await optimizeModule(wasm, options.optimize);
    const { ms, bytesBefore, bytesAfter } = result.report;
    logger.debug(`Optimized in ${ms.toFixed(0)} ms: ${bytesBefore} -> ${bytesAfter} bytes ` +
        `(${(((bytesAfter - bytesBefore) / bytesBefore) * 100).toFixed(1)}%)`, 'optimize');
    return result;
}
/** Two reports as one (a component's modules, a job's totals); either may be missing. */
function addOptimizeReports(sum, one) {
    if (one === undefined)
        return sum;
    if (sum === undefined)
        return one;
    return {
        ms: sum.ms + one.ms,
        bytesBefore: sum.bytesBefore + one.bytesBefore,
        bytesAfter: sum.bytesAfter + one.bytesAfter,
    };
}


/***/ })

};
