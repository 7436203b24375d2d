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
  ;; in $out from 0. Returns the number of runs.
  (func (export "scan") (param $len i32) (result i32)
    (local $pos i32) (local $start i32) (local $end i32) (local $limit i32) (local $n i32)
    (local $at i32) (local $word i64)
    (block $done
      (loop $next_run
        ;; Skip zeros, eight bytes at a time while all eight are zero.
        (block $found
          (loop $skip
            (if (i32.le_u (i32.add (local.get $pos) (i32.const 8)) (local.get $len))
              (then
                (if (i64.eqz (i64.load $guest (local.get $pos)))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 8)))
                    (br $skip)))))
            (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
            (br_if $found (i32.load8_u $guest (local.get $pos)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $skip)))
        (local.set $start (local.get $pos))
        (loop $extend
          ;; To the next zero byte, eight bytes at a time while none of them is zero (a word has a
          ;; zero byte exactly when (w - 0x0101..01) & ~w & 0x8080..80 is not zero).
          (block $zero
            (loop $nonzero
              (if (i32.le_u (i32.add (local.get $pos) (i32.const 8)) (local.get $len))
                (then
                  (local.set $word (i64.load $guest (local.get $pos)))
                  (if (i64.eqz
                        (i64.and
                          (i64.and
                            (i64.sub (local.get $word) (i64.const 0x0101010101010101))
                            (i64.xor (local.get $word) (i64.const -1)))
                          (i64.const 0x8080808080808080)))
                    (then
                      (local.set $pos (i32.add (local.get $pos) (i32.const 8)))
                      (br $nonzero)))))
              (br_if $zero (i32.ge_u (local.get $pos) (local.get $len)))
              (br_if $zero (i32.eqz (i32.load8_u $guest (local.get $pos))))
              (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
              (br $nonzero)))
          (local.set $end (local.get $pos))
          ;; A non-zero byte within the next four continues the run.
          (local.set $limit (i32.add (local.get $end) (i32.const 5)))
          (if (i32.gt_u (local.get $limit) (local.get $len))
            (then (local.set $limit (local.get $len))))
          (block $gap_end
            (loop $gap
              (br_if $gap_end (i32.ge_u (local.get $pos) (local.get $limit)))
              (br_if $gap_end (i32.load8_u $guest (local.get $pos)))
              (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
              (br $gap)))
          (br_if $extend (i32.lt_u (local.get $pos) (local.get $limit))))
        (local.set $at (i32.shl (local.get $n) (i32.const 4)))
        (call $reserve (i32.add (local.get $at) (i32.const 16)))
        (f64.store $out (local.get $at) (f64.convert_i32_u (local.get $start)))
        (f64.store $out offset=8 (local.get $at) (f64.convert_i32_u (local.get $end)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next_run)))
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
