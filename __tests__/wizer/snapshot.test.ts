import { describe, expect, it } from 'vitest';
import {
  MAX_DATA_SEGMENTS,
  RunList,
  capSegmentCount,
  findRuns,
  kthSmallest,
  snapshot,
  type InstanceState,
} from '../../src/wizer/snapshot.js';

function runsOf(bytes: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  findRuns(bytes, (s, e) => out.push([s, e]));
  return out;
}

/** Reference implementation written from the spec: page-wise runs, then merge gaps <= 4. */
function referenceRuns(bytes: Uint8Array, pageSize: number): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (let page = 0; page * pageSize < bytes.length; page++) {
    const end = Math.min(bytes.length, (page + 1) * pageSize);
    let pos = page * pageSize;
    while (pos < end) {
      while (pos < end && bytes[pos] === 0) pos++;
      if (pos >= end) break;
      const start = pos;
      while (pos < end && bytes[pos] !== 0) pos++;
      raw.push([start, pos]);
    }
  }
  const merged: Array<[number, number]> = [];
  for (const r of raw) {
    const last = merged[merged.length - 1];
    if (last && r[0] - last[1] <= 4) last[1] = r[1];
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

describe('findRuns', () => {
  it('merges gaps of up to 4 zero bytes and splits at 5', () => {
    const bytes = new Uint8Array(256);
    bytes[10] = 1;
    bytes[15] = 1; // gap of 4 (11..14)
    bytes[100] = 1;
    bytes[106] = 1; // gap of 5 (101..105)
    expect(runsOf(bytes)).toEqual([
      [10, 16],
      [100, 101],
      [106, 107],
    ]);
  });

  it('captures the last byte and joins runs across page boundaries', () => {
    const bytes = new Uint8Array(2 * 65536);
    bytes[65535] = 7;
    bytes[65536] = 8;
    bytes[bytes.length - 1] = 9;
    expect(runsOf(bytes)).toEqual([
      [65535, 65537],
      [bytes.length - 1, bytes.length],
    ]);
  });

  it('agrees with a page-wise reference scan on random sparse memories', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let trial = 0; trial < 20; trial++) {
      const bytes = new Uint8Array(4096);
      const density = random() * 0.3;
      for (let i = 0; i < bytes.length; i++) if (random() < density) bytes[i] = 1 + (i % 255);
      expect(runsOf(bytes)).toEqual(referenceRuns(bytes, 256));
    }
  });

  it('handles views that are not 4-byte aligned', () => {
    const backing = new Uint8Array(64);
    backing[9] = 5;
    backing[20] = 6;
    expect(runsOf(backing.subarray(1))).toEqual([
      [8, 9],
      [19, 20],
    ]);
  });
});

describe('kthSmallest', () => {
  it('agrees with sorting, for ranks among the counted and among the large values', () => {
    let seed = 99;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (const largeShare of [0, 0.3, 1]) {
      const values = Float64Array.from({ length: 3000 }, () =>
        random() < largeShare
          ? 65536 + Math.floor(random() * 1e9)
          : 5 + Math.floor(random() * 70000),
      );
      const sorted = values.slice().sort();
      for (const rank of [1, 2, 1500, 2999, 3000]) {
        expect(kthSmallest(values, rank)).toBe(sorted[rank - 1]);
      }
    }
  });
});

describe('capSegmentCount', () => {
  type Run = { memory: number; start: number; end: number };
  const run = (start: number, end: number, memory = 0): Run => ({ memory, start, end });
  const list = (runs: Run[]) => {
    const l = new RunList();
    for (const r of runs) l.push(r.memory, r.start, r.end);
    return l;
  };
  const cap = (runs: Run[]): Run[] => {
    const l = capSegmentCount(list(runs));
    return Array.from({ length: l.length }, (_, i) => run(l.start(i), l.end(i), l.memory[i]!));
  };

  it('keeps exactly MAX_DATA_SEGMENTS runs unchanged', () => {
    const runs = Array.from({ length: MAX_DATA_SEGMENTS }, (_, i) => run(i * 10, i * 10 + 1));
    const l = list(runs);
    expect(capSegmentCount(l)).toBe(l);
  });

  it('merges across the smallest gaps first', () => {
    const runs = Array.from({ length: MAX_DATA_SEGMENTS + 1 }, (_, i) => run(i * 10, i * 10 + 1));
    runs[500] = run(5000, 5008); // the only 2-byte gap: merged, although all others tie at 9
    const capped = cap(runs);
    expect(capped).toHaveLength(MAX_DATA_SEGMENTS);
    expect(capped[500]).toEqual(run(5000, 5011));
    expect(capped[0]).toEqual(run(0, 1));
  });

  it('breaks ties between equal gaps by encoded size saved, then by position', () => {
    // All gaps are 9 bytes. Merging into a run at offset >= 8192 saves a 3-byte offset LEB,
    // at 64..8191 a 2-byte one: the latest runs are the cheapest to fold, earliest first.
    const runs = Array.from({ length: MAX_DATA_SEGMENTS + 2 }, (_, i) => run(i * 10, i * 10 + 1));
    const capped = cap(runs);
    expect(capped).toHaveLength(MAX_DATA_SEGMENTS);
    // Runs 820 and 821 (offsets 8200, 8210) are the first whose offsets need 3 bytes.
    expect(capped.slice(0, 819)).toEqual(runs.slice(0, 819));
    expect(capped[819]).toEqual(run(8190, 8211));
  });

  it('never merges across memories', () => {
    const runs = [
      ...Array.from({ length: MAX_DATA_SEGMENTS }, (_, i) => run(i * 2, i * 2 + 1, 0)),
      run(0, 1, 1),
    ];
    const capped = cap(runs);
    expect(capped).toHaveLength(MAX_DATA_SEGMENTS);
    expect(capped[capped.length - 1]).toEqual(run(0, 1, 1));
  });
});

describe('snapshot', () => {
  it('reads globals as exact bits and sizes memories in pages', () => {
    const memory = new Uint8Array(3 * 65536);
    memory[70000] = 0xaa;
    const state: InstanceState = {
      globalGet: (name) =>
        ({ g0: 42, g1: -1n, g2: 0x7fa00001, g3: 0x8000000000000000n })[name] ?? 0,
      memoryContents: () => memory,
    };
    const snap = snapshot(
      [
        { globalIndex: 0, type: 0x7f, exports: ['g0'] },
        { globalIndex: 1, type: 0x7e, exports: ['g1'] },
        { globalIndex: 2, type: 0x7d, exports: ['g2'] },
        { globalIndex: 3, type: 0x7c, exports: ['g3'] },
      ],
      ['m'],
      [
        {
          limits: { flags: 0, min: 1n, max: undefined, pageSizeLog2: undefined },
          shared: false,
          memory64: false,
        },
      ],
      state,
    );
    const hex = (i: number) => Buffer.from(snap.globals.get(i)!).toString('hex');
    expect(hex(0)).toBe('412a0b');
    expect(hex(1)).toBe('427f0b');
    expect(hex(2)).toBe('430100a07f0b');
    expect(hex(3)).toBe('4400000000000000800b');
    expect(snap.memoryPages).toEqual([3n]);
    expect(snap.segments.length).toBe(1);
    expect([snap.segments.memory[0], snap.segments.start(0), snap.segments.end(0)]).toEqual([
      0, 70000, 70001,
    ]);
    expect(snap.images).toEqual([{ bytes: memory, kernel: undefined }]);
  });
});
