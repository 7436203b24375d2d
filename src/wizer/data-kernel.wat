;; The snapshot's per-byte and per-segment work on one guest memory, as compiled code: Liftoff
;; compiles this at once, where the same loops in JavaScript run cold (interpreted until V8 tiers
;; them up) in a one-shot process. `data-kernel.ts` uses it for i32 memories below 1 GiB that are
;; not shared (other memories take the JavaScript path, which gives the same results). Compiled to
;; `data-kernel-wasm.ts` by `npm run kernels`; a test checks that file matches this one.
(module
  (import "guest" "memory" (memory $guest 0))
  ;; Run bounds and encoded segments, grown on demand.
  (memory $out (export "out") 0)
  ;; Runs the last `segments` call left to the caller.
  (global $view_count (export "view_count") (mut i32) (i32.const 0))

  ;; Finds the runs of non-zero bytes in guest[0, $len), merging runs separated by at most four
  ;; zero bytes (a new segment would cost more), and stores each run as two f64, start and end,
  ;; in $out from 0. Returns the number of runs. Eight bytes are read at a time where eight remain;
  ;; the byte a run starts or ends at is found in its word by counting trailing zero bits (the
  ;; memory is little-endian, so the lowest byte comes first).
  (func (export "scan") (param $len i32) (result i32)
    (local $pos i32) (local $start i32) (local $end i32) (local $limit i32) (local $n i32)
    (local $at i32) (local $word i64) (local $zeros i64)
    (block $done
      (loop $next_run
        ;; Skip zeros.
        (block $found
          (loop $skip
            (if (i32.le_u (i32.add (local.get $pos) (i32.const 8)) (local.get $len))
              (then
                (local.set $word (i64.load $guest (local.get $pos)))
                (if (i64.eqz (local.get $word))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 8)))
                    (br $skip)))
                (local.set $pos
                  (i32.add (local.get $pos)
                    (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $word)) (i64.const 3)))))
                (br $found)))
            (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
            (br_if $found (i32.load8_u $guest (local.get $pos)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $skip)))
        (local.set $start (local.get $pos))
        (loop $extend
          ;; To the next zero byte. A word's zero bytes are flagged by (w - 0x0101..01) & ~w &
          ;; 0x8080..80: exactly at its lowest zero byte (a borrow can flag bytes above it only).
          (block $zero
            (loop $nonzero
              (if (i32.le_u (i32.add (local.get $pos) (i32.const 8)) (local.get $len))
                (then
                  (local.set $word (i64.load $guest (local.get $pos)))
                  (local.set $zeros
                    (i64.and
                      (i64.and
                        (i64.sub (local.get $word) (i64.const 0x0101010101010101))
                        (i64.xor (local.get $word) (i64.const -1)))
                      (i64.const 0x8080808080808080)))
                  (if (i64.eqz (local.get $zeros))
                    (then
                      (local.set $pos (i32.add (local.get $pos) (i32.const 8)))
                      (br $nonzero)))
                  (local.set $pos
                    (i32.add (local.get $pos)
                      (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $zeros)) (i64.const 3)))))
                  (br $zero)))
              (br_if $zero (i32.ge_u (local.get $pos) (local.get $len)))
              (br_if $zero (i32.eqz (i32.load8_u $guest (local.get $pos))))
              (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
              (br $nonzero)))
          (local.set $end (local.get $pos))
          ;; A non-zero byte within the next four continues the run ($end itself is zero).
          (local.set $limit (i32.add (local.get $end) (i32.const 5)))
          (if (i32.le_u (i32.add (local.get $end) (i32.const 8)) (local.get $len))
            (then
              (local.set $word
                (i64.and (i64.load $guest (local.get $end)) (i64.const 0xffffffffff)))
              (if (i64.eqz (local.get $word))
                (then (local.set $pos (local.get $limit)))
                (else
                  (local.set $pos
                    (i32.add (local.get $end)
                      (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $word)) (i64.const 3))))))))
            (else
              (if (i32.gt_u (local.get $limit) (local.get $len))
                (then (local.set $limit (local.get $len))))
              (block $gap_end
                (loop $gap
                  (br_if $gap_end (i32.ge_u (local.get $pos) (local.get $limit)))
                  (br_if $gap_end (i32.load8_u $guest (local.get $pos)))
                  (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                  (br $gap)))))
          (br_if $extend (i32.lt_u (local.get $pos) (local.get $limit))))
        (local.set $at (i32.shl (local.get $n) (i32.const 4)))
        (call $reserve (i32.add (local.get $at) (i32.const 16)))
        (f64.store $out (local.get $at) (f64.convert_i32_u (local.get $start)))
        (f64.store $out offset=8 (local.get $at) (f64.convert_i32_u (local.get $end)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next_run)))
    (local.get $n))

  ;; Caps the $n runs at 0 in $out (f64 pairs, of the memory numbered $memory) at $max, merging
  ;; across the smallest gaps exactly as `capSegmentCount` (snapshot.ts) does: every gap below the
  ;; threshold size, then ties at the threshold by the bytes their merge saves (most first), then
  ;; the earliest. Rewrites the runs in place and returns their count, or -1 when the threshold
  ;; is 64 KiB or more (the caller caps in JavaScript then, which sorts those gaps).
  (func (export "cap") (param $n i32) (param $max i32) (param $memory i32) (result i32)
    (local $excess i32) (local $counts i32) (local $flags i32) (local $tie_gaps i32)
    (local $tie_savings i32) (local $i i32) (local $j i32) (local $gap i32) (local $seen i32)
    (local $threshold i32) (local $merged i32) (local $ties i32) (local $least i32)
    (local $most i32) (local $segment_start i32) (local $next i32) (local $saving i32)
    (local $needed i32) (local $t i32) (local $count i32) (local $current i32)
    (if (i32.le_u (local.get $n) (local.get $max)) (then (return (local.get $n))))
    (local.set $excess (i32.sub (local.get $n) (local.get $max)))
    ;; After the runs: a count per gap size below 64 KiB, a merge flag per run, the ties.
    (local.set $counts (i32.shl (local.get $n) (i32.const 4)))
    (local.set $flags (i32.add (local.get $counts) (i32.const 262144)))
    (local.set $tie_gaps
      (i32.and (i32.add (i32.add (local.get $flags) (local.get $n)) (i32.const 3)) (i32.const -4)))
    (local.set $tie_savings (i32.add (local.get $tie_gaps) (i32.shl (local.get $n) (i32.const 2))))
    (call $reserve (i32.add (local.get $tie_savings) (i32.shl (local.get $n) (i32.const 2))))
    (memory.fill $out (local.get $counts) (i32.const 0)
      (i32.sub (local.get $tie_gaps) (local.get $counts)))
    ;; The threshold: the size of the $excess-th smallest gap. (The passes over every run compute
    ;; the gap in place: Liftoff does not inline calls, and a call per run was a third of the time.)
    (local.set $i (i32.const 0))
    (loop $count_gaps
      (local.set $t (i32.shl (local.get $i) (i32.const 4)))
      (local.set $gap
        (i32.sub
          (i32.trunc_f64_u (f64.load $out offset=16 (local.get $t)))
          (i32.trunc_f64_u (f64.load $out offset=8 (local.get $t)))))
      (if (i32.lt_u (local.get $gap) (i32.const 65536))
        (then
          (local.set $t (i32.add (local.get $counts) (i32.shl (local.get $gap) (i32.const 2))))
          (i32.store $out (local.get $t) (i32.add (i32.load $out (local.get $t)) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $count_gaps (i32.lt_u (local.get $i) (i32.sub (local.get $n) (i32.const 1)))))
    (local.set $threshold (i32.const 0))
    (block $found
      (loop $rank
        (local.set $seen
          (i32.add (local.get $seen)
            (i32.load $out (i32.add (local.get $counts) (i32.shl (local.get $threshold) (i32.const 2))))))
        (br_if $found (i32.ge_u (local.get $seen) (local.get $excess)))
        (local.set $threshold (i32.add (local.get $threshold) (i32.const 1)))
        (br_if $rank (i32.lt_u (local.get $threshold) (i32.const 65536)))
        (return (i32.const -1))))
    ;; Every gap below the threshold merges.
    (local.set $i (i32.const 0))
    (loop $below
      (local.set $t (i32.shl (local.get $i) (i32.const 4)))
      (if (i32.lt_u
            (i32.sub
              (i32.trunc_f64_u (f64.load $out offset=16 (local.get $t)))
              (i32.trunc_f64_u (f64.load $out offset=8 (local.get $t))))
            (local.get $threshold))
        (then
          (i32.store8 $out (i32.add (local.get $flags) (local.get $i)) (i32.const 1))
          (local.set $merged (i32.add (local.get $merged) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $below (i32.lt_u (local.get $i) (i32.sub (local.get $n) (i32.const 1)))))
    ;; Gaps of exactly the threshold size, with what merging each saves given those merges:
    ;; the second segment's header and length go, the merged length comes.
    (local.set $least (i32.const 0x7fffffff))
    (local.set $most (i32.const 0x80000000))
    (local.set $segment_start (call $start (i32.const 0)))
    (local.set $i (i32.const 0))
    (loop $tie
      (if (i32.eqz (i32.load8_u $out (i32.add (local.get $flags) (local.get $i))))
        (then
          (if (i32.eq (call $gap (local.get $i)) (local.get $threshold))
            (then
              (local.set $j (i32.add (local.get $i) (i32.const 1)))
              (loop $merged_run
                (if (i32.load8_u $out (i32.add (local.get $flags) (local.get $j)))
                  (then
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $merged_run))))
              (local.set $next (call $start (i32.add (local.get $i) (i32.const 1))))
              (local.set $saving
                (i32.sub
                  (i32.add
                    (i32.add
                      (i32.add (i32.const 3) (call $sleb_size (local.get $next)))
                      (select (i32.const 0) (call $uleb_size (local.get $memory))
                        (i32.eqz (local.get $memory))))
                    (i32.add
                      (call $uleb_size
                        (i32.sub (call $end (local.get $i)) (local.get $segment_start)))
                      (call $uleb_size (i32.sub (call $end (local.get $j)) (local.get $next)))))
                  (call $uleb_size
                    (i32.sub (call $end (local.get $j)) (local.get $segment_start)))))
              (i32.store $out (i32.add (local.get $tie_gaps) (i32.shl (local.get $ties) (i32.const 2)))
                (local.get $i))
              (i32.store $out
                (i32.add (local.get $tie_savings) (i32.shl (local.get $ties) (i32.const 2)))
                (local.get $saving))
              (local.set $ties (i32.add (local.get $ties) (i32.const 1)))
              (if (i32.lt_s (local.get $saving) (local.get $least))
                (then (local.set $least (local.get $saving))))
              (if (i32.gt_s (local.get $saving) (local.get $most))
                (then (local.set $most (local.get $saving))))))
          (local.set $segment_start (call $start (i32.add (local.get $i) (i32.const 1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $tie (i32.lt_u (local.get $i) (i32.sub (local.get $n) (i32.const 1)))))
    ;; As many ties as still needed, most saved first, then earliest.
    (local.set $needed (i32.sub (local.get $excess) (local.get $merged)))
    (local.set $saving (local.get $most))
    (block $enough
      (loop $by_saving
        (br_if $enough
          (i32.or (i32.le_s (local.get $needed) (i32.const 0))
            (i32.lt_s (local.get $saving) (local.get $least))))
        (local.set $t (i32.const 0))
        (block $pass_done
          (loop $pass
            (br_if $pass_done
              (i32.or (i32.le_s (local.get $needed) (i32.const 0))
                (i32.ge_u (local.get $t) (local.get $ties))))
            (if (i32.eq
                  (i32.load $out (i32.add (local.get $tie_savings) (i32.shl (local.get $t) (i32.const 2))))
                  (local.get $saving))
              (then
                (i32.store8 $out
                  (i32.add (local.get $flags)
                    (i32.load $out (i32.add (local.get $tie_gaps) (i32.shl (local.get $t) (i32.const 2)))))
                  (i32.const 1))
                (local.set $needed (i32.sub (local.get $needed) (i32.const 1)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $pass)))
        (local.set $saving (i32.sub (local.get $saving) (i32.const 1)))
        (br $by_saving)))
    ;; The merged runs, written over the first ones (never ahead of what is still to read).
    (local.set $current (call $start (i32.const 0)))
    (local.set $i (i32.const 1))
    (loop $compact
      (if (i32.or
            (i32.eq (local.get $i) (local.get $n))
            (i32.eqz (i32.load8_u $out (i32.add (local.get $flags) (i32.sub (local.get $i) (i32.const 1))))))
        (then
          (local.set $t (call $end (i32.sub (local.get $i) (i32.const 1))))
          (f64.store $out (i32.shl (local.get $count) (i32.const 4))
            (f64.convert_i32_u (local.get $current)))
          (f64.store $out offset=8 (i32.shl (local.get $count) (i32.const 4))
            (f64.convert_i32_u (local.get $t)))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (if (i32.lt_u (local.get $i) (local.get $n))
            (then (local.set $current (call $start (local.get $i)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $compact (i32.le_u (local.get $i) (local.get $n))))
    (local.get $count))

  ;; Start, end of run $i, and the gap after it.
  (func $start (param $i i32) (result i32)
    (i32.trunc_f64_u (f64.load $out (i32.shl (local.get $i) (i32.const 4)))))
  (func $end (param $i i32) (result i32)
    (i32.trunc_f64_u (f64.load $out offset=8 (i32.shl (local.get $i) (i32.const 4)))))
  (func $gap (param $i i32) (result i32)
    (local $at i32)
    (local.set $at (i32.shl (local.get $i) (i32.const 4)))
    (i32.sub
      (i32.trunc_f64_u (f64.load $out offset=16 (local.get $at)))
      (i32.trunc_f64_u (f64.load $out offset=8 (local.get $at)))))

  ;; Bytes of the LEB128 encodings of a non-negative value, unsigned and signed.
  (func $uleb_size (param $value i32) (result i32)
    (local $n i32)
    (local.set $n (i32.const 1))
    (loop $more
      (if (i32.ge_u (local.get $value) (i32.const 0x80))
        (then
          (local.set $value (i32.shr_u (local.get $value) (i32.const 7)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $more))))
    (local.get $n))
  (func $sleb_size (param $value i32) (result i32)
    (local $n i32)
    (local.set $n (i32.const 1))
    (loop $more
      (if (i32.ge_u (local.get $value) (i32.const 0x40))
        (then
          (local.set $value (i32.shr_u (local.get $value) (i32.const 7)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $more))))
    (local.get $n))

  ;; Writes one active data segment per run ($count f64 pairs at $pairs in $out) of the memory
  ;; with index $memory, back to back from $dst in $out (the caller makes room): flags (and memory
  ;; index), `i32.const offset end`, length, then the run's bytes. Runs shorter than $view_bytes
  ;; are copied from the guest; longer ones are left out, for the caller to write from the guest's
  ;; memory as they are (copying them would cost fresh pages): each leaves a record at $views +
  ;; 12k of where its bytes belong in $out, its start and its end in the guest. Returns the end;
  ;; the number of records goes to $view_count.
  (func (export "segments")
    (param $pairs i32) (param $count i32) (param $memory i32) (param $views i32)
    (param $view_bytes i32) (param $dst i32) (result i32)
    (local $k i32) (local $start i32) (local $length i32)
    (global.set $view_count (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $start (i32.trunc_f64_u (f64.load $out (local.get $pairs))))
        (local.set $length
          (i32.sub (i32.trunc_f64_u (f64.load $out offset=8 (local.get $pairs))) (local.get $start)))
        (if (i32.eqz (local.get $memory))
          (then
            (i32.store8 $out (local.get $dst) (i32.const 0x00))
            (local.set $dst (i32.add (local.get $dst) (i32.const 1))))
          (else
            (i32.store8 $out (local.get $dst) (i32.const 0x02))
            (local.set $dst (call $uleb (i32.add (local.get $dst) (i32.const 1)) (local.get $memory)))))
        (i32.store8 $out (local.get $dst) (i32.const 0x41))
        (local.set $dst (call $sleb (i32.add (local.get $dst) (i32.const 1)) (local.get $start)))
        (i32.store8 $out (local.get $dst) (i32.const 0x0b))
        (local.set $dst (call $uleb (i32.add (local.get $dst) (i32.const 1)) (local.get $length)))
        (if (i32.lt_u (local.get $length) (local.get $view_bytes))
          (then
            (memory.copy $out $guest (local.get $dst) (local.get $start) (local.get $length))
            (local.set $dst (i32.add (local.get $dst) (local.get $length))))
          (else
            (i32.store $out (local.get $views) (local.get $dst))
            (i32.store $out offset=4 (local.get $views) (local.get $start))
            (i32.store $out offset=8 (local.get $views)
              (i32.add (local.get $start) (local.get $length)))
            (local.set $views (i32.add (local.get $views) (i32.const 12)))
            (global.set $view_count (i32.add (global.get $view_count) (i32.const 1)))))
        (local.set $pairs (i32.add (local.get $pairs) (i32.const 16)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (local.get $dst))

  ;; Grows $out (doubling) until it holds $end bytes; traps if it cannot.
  (func $reserve (param $end i32)
    (local $pages i32)
    (loop $more
      (if (i64.gt_u
            (i64.extend_i32_u (local.get $end))
            (i64.shl (i64.extend_i32_u (memory.size $out)) (i64.const 16)))
        (then
          (local.set $pages (memory.size $out))
          (if (i32.eqz (local.get $pages)) (then (local.set $pages (i32.const 16))))
          (if (i32.eq (memory.grow $out (local.get $pages)) (i32.const -1)) (then (unreachable)))
          (br $more)))))

  ;; Unsigned LEB128 of $value at $dst in $out; returns the next position.
  (func $uleb (param $dst i32) (param $value i32) (result i32)
    (loop $more
      (if (i32.ge_u (local.get $value) (i32.const 0x80))
        (then
          (i32.store8 $out (local.get $dst) (i32.or (local.get $value) (i32.const 0x80)))
          (local.set $value (i32.shr_u (local.get $value) (i32.const 7)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
          (br $more))))
    (i32.store8 $out (local.get $dst) (local.get $value))
    (i32.add (local.get $dst) (i32.const 1)))

  ;; Signed LEB128 of $value at $dst in $out; returns the next position.
  (func $sleb (param $dst i32) (param $value i32) (result i32)
    (local $byte i32)
    (loop $more
      (local.set $byte (i32.and (local.get $value) (i32.const 0x7f)))
      (local.set $value (i32.shr_s (local.get $value) (i32.const 7)))
      (if (i32.or
            (i32.and
              (i32.eqz (local.get $value))
              (i32.eqz (i32.and (local.get $byte) (i32.const 0x40))))
            (i32.and
              (i32.eq (local.get $value) (i32.const -1))
              (i32.ne (i32.and (local.get $byte) (i32.const 0x40)) (i32.const 0))))
        (then
          (i32.store8 $out (local.get $dst) (local.get $byte))
          (return (i32.add (local.get $dst) (i32.const 1)))))
      (i32.store8 $out (local.get $dst) (i32.or (local.get $byte) (i32.const 0x80)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
      (br $more))
    (unreachable))
)
