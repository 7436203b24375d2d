;; The instruction walk over a whole code section as compiled code (code-kernel.ts): a one-shot
;; process walks megabytes of code once, and Liftoff compiles this at once where the same loop in
;; JavaScript runs mostly unoptimized. It decodes exactly what `walkFunctionBody` (code.ts) decodes
;; and traps wherever that would throw (the caller then walks in JavaScript, which reports the
;; error), so a walk that returns saw well-formed code and reports the same instructions.
;;
;; It reads the code where it is, in the input's memory (the caller reads the input into a
;; WebAssembly.Memory, so megabytes of code need no copy), and keeps its tables and reports in its
;; own memory, written by the caller:
;;   [0, 2048)      single-byte opcodes, 8 bytes each (see below)
;;   [2048, 18432)  prefixed opcodes 0xfb-0xfe, 512 sub-opcodes each, 8 bytes each
;;   then the reports (16 bytes each), grown on demand.
;; An entry: bytes 0-5 the immediate steps (0 ends the list; 0xfe at byte 0 marks a prefix, 0xff
;; an unknown opcode), byte 6 the report mode (0 never, 1 always, 2 when the next byte starts a
;; reference type: a block type worth checking), byte 7 the block depth change (1 opens, -1
;; closes). The fast paths read an entry whole, as a little-endian i64.
;; Steps are numbered as in code.ts: 1 u32, 2 s32, 3 s64, 4 s33, 5 block type, 6 byte, 7 zero
;; byte, 8/9/10 four/eight/sixteen bytes, 11 memarg, 12 br_table, 13 value types, 14 catches.
(module
  ;; The input (only read), and the kernel's own memory: tables, then reports.
  (import "input" "memory" (memory $input 0))
  (memory $own (export "memory") 1)

  ;; End of the bytes the current decode may read (the section, then the current body).
  (global $end (mut i32) (i32.const 0))
  ;; The value of the last LEB128 read with $u32.
  (global $value (mut i32) (i32.const 0))

  ;; Walks the code section payload [$pos, $section_end) and writes one report per instruction
  ;; whose mode asks for it, and one per body declaring a local of reference type, from $reports:
  ;; opcode (-1 for locals), sub-opcode (-1 if none), offset (+ $base: its place in the input),
  ;; body index. Returns the number of reports.
  (func (export "walk")
    (param $pos i32) (param $section_end i32) (param $reports i32) (param $base i32) (result i32)
    (local $count i32) (local $body i32) (local $body_end i32) (local $groups i32)
    (local $ref_local i32) (local $byte i32) (local $depth i32) (local $offset i32)
    (local $opcode i32) (local $sub i32) (local $entry i32) (local $mode i32)
    (local $n i32) (local $delta i32) (local $info i64)
    (global.set $end (local.get $section_end))
    (local.set $pos (call $u32 (local.get $pos)))
    (local.set $count (global.get $value))
    (block $bodies_done
      (loop $bodies
        (br_if $bodies_done (i32.ge_u (local.get $body) (local.get $count)))
        (global.set $end (local.get $section_end))
        (local.set $pos (call $u32 (local.get $pos)))
        (local.set $body_end (i32.add (local.get $pos) (global.get $value)))
        (if (i32.or
              (i32.gt_u (local.get $body_end) (local.get $section_end))
              (i32.lt_u (local.get $body_end) (local.get $pos)))
          (then (unreachable)))
        (global.set $end (local.get $body_end))
        ;; Locals: report the body when one of its types is a reference type.
        (local.set $offset (local.get $pos))
        (local.set $pos (call $u32 (local.get $pos)))
        (local.set $groups (global.get $value))
        (local.set $ref_local (i32.const 0))
        (block $locals_done
          (loop $locals
            (br_if $locals_done (i32.eqz (local.get $groups)))
            (local.set $pos (call $u32 (local.get $pos)))
            (call $need (local.get $pos) (i32.const 1))
            (local.set $ref_local
              (i32.or (local.get $ref_local) (call $is_ref (i32.load8_u $input (local.get $pos)))))
            (local.set $pos (call $valtype (local.get $pos)))
            (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
            (br $locals)))
        (if (local.get $ref_local)
          (then
            (call $report (local.get $reports) (local.get $n)
              (i32.const -1) (i32.const -1) (i32.add (local.get $offset) (local.get $base))
              (local.get $body))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        ;; Instructions, until the `end` that closes the body.
        (local.set $depth (i32.const 1))
        (block $body_done
          (loop $instructions
            (if (i32.ge_u (local.get $pos) (global.get $end)) (then (unreachable)))
            (local.set $offset (local.get $pos))
            (local.set $opcode (i32.load8_u $input (local.get $pos)))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (local.set $entry (i32.shl (local.get $opcode) (i32.const 3)))
            ;; Fast paths for most instructions (not reported, no block change): no immediates,
            ;; one LEB128 of up to four bytes (`local.get 3`, `i32.const 1024`, `call 4242`; every kind
            ;; accepts those), one memarg without a memory index and with a one-byte offset.
            (local.set $info (i64.load $own (local.get $entry)))
            (br_if $instructions (i64.eqz (local.get $info)))
            (if (i64.le_u (local.get $info) (i64.const 4))
              (then
                (if (i32.lt_u (i32.load8_u $input (local.get $pos)) (i32.const 0x80))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                    (br $instructions)))
                (if (i32.lt_u (i32.load8_u $input offset=1 (local.get $pos)) (i32.const 0x80))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 2)))
                    (br $instructions)))
                (if (i32.lt_u (i32.load8_u $input offset=2 (local.get $pos)) (i32.const 0x80))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 3)))
                    (br $instructions)))
                (if (i32.lt_u (i32.load8_u $input offset=3 (local.get $pos)) (i32.const 0x80))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 4)))
                    (br $instructions)))))
            ;; `end` inside the body; `block`, `loop`, `if` with a one-byte block type.
            (if (i64.eq (local.get $info) (i64.const 0xff00000000000000))
              (then
                (if (i32.gt_u (local.get $depth) (i32.const 1))
                  (then
                    (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
                    (br $instructions)))))
            (if (i64.eq (local.get $info) (i64.const 0x0102000000000005))
              (then
                (local.set $byte (i32.load8_u $input (local.get $pos)))
                ;; One byte that is not a reference type: empty, numeric, or a small type index.
                (if (i32.and
                      (i32.lt_u (local.get $byte) (i32.const 0x80))
                      (i32.gt_u (i32.sub (local.get $byte) (i32.const 0x63)) (i32.const 0x11)))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                    (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
                    (br $instructions)))))
            (if (i64.eq (local.get $info) (i64.const 11))
              (then
                (if (i32.lt_u (i32.load8_u $input (local.get $pos)) (i32.const 0x40))
                  (then
                    (if (i32.lt_u (i32.load8_u $input offset=1 (local.get $pos)) (i32.const 0x80))
                      (then
                        (local.set $pos (i32.add (local.get $pos) (i32.const 2)))
                        (br $instructions)))
                    (if (i32.lt_u (i32.load8_u $input offset=2 (local.get $pos)) (i32.const 0x80))
                      (then
                        (local.set $pos (i32.add (local.get $pos) (i32.const 3)))
                        (br $instructions)))))))
            (local.set $sub (i32.const -1))
            (if (i32.eq (i32.load8_u $own (local.get $entry)) (i32.const 0xfe))
              (then
                (local.set $pos (call $u32 (local.get $pos)))
                (local.set $sub (global.get $value))
                (if (i32.ge_u (local.get $sub) (i32.const 512)) (then (unreachable)))
                (local.set $entry
                  (i32.add
                    (i32.const 2048)
                    (i32.shl
                      (i32.add
                        (i32.shl (i32.sub (local.get $opcode) (i32.const 0xfb)) (i32.const 9))
                        (local.get $sub))
                      (i32.const 3))))))
            (if (i32.eq (i32.load8_u $own (local.get $entry)) (i32.const 0xff)) (then (unreachable)))
            (local.set $mode (i32.load8_u $own offset=6 (local.get $entry)))
            (if (i32.or
                  (i32.eq (local.get $mode) (i32.const 1))
                  (i32.and
                    (i32.eq (local.get $mode) (i32.const 2))
                    (i32.and
                      (i32.lt_u (local.get $pos) (global.get $end))
                      (call $is_ref (i32.load8_u $input (local.get $pos))))))
              (then
                (call $report (local.get $reports) (local.get $n)
                  (local.get $opcode) (local.get $sub) (i32.add (local.get $offset) (local.get $base))
                  (local.get $body))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            (local.set $pos (call $skip_steps (local.get $entry) (local.get $pos)))
            (local.set $delta (i32.load8_s $own offset=7 (local.get $entry)))
            (if (local.get $delta)
              (then
                (local.set $depth (i32.add (local.get $depth) (local.get $delta)))
                (if (i32.eqz (local.get $depth))
                  (then
                    (if (i32.ne (local.get $pos) (global.get $end)) (then (unreachable)))
                    (br $body_done)))))
            (br $instructions)))
        (local.set $body (i32.add (local.get $body) (i32.const 1)))
        (br $bodies)))
    (local.get $n))

  ;; The immediates of an entry's instruction, from $pos; returns the position after them.
  (func $skip_steps (param $entry i32) (param $pos i32) (result i32)
    (local $i i32) (local $step i32)
    (block $done
      (loop $steps
        (br_if $done (i32.ge_u (local.get $i) (i32.const 6)))
        (local.set $step (i32.load8_u $own (i32.add (local.get $entry) (local.get $i))))
        (br_if $done (i32.eqz (local.get $step)))
        (local.set $pos (call $skip (local.get $step) (local.get $pos)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $steps)))
    (local.get $pos))

  ;; One immediate of kind $step at $pos; returns the position after it.
  (func $skip (param $step i32) (param $pos i32) (result i32)
    (local $byte i32) (local $n i32)
    (block $catches (block $valtypes (block $br_table (block $memarg (block $bytes16
    (block $bytes8 (block $bytes4 (block $zero (block $byte (block $blocktype (block $s33
    (block $s64 (block $s32 (block $u32 (block $bad
      (br_table $bad $u32 $s32 $s64 $s33 $blocktype $byte $zero $bytes4 $bytes8 $bytes16
        $memarg $br_table $valtypes $catches $bad (local.get $step)))
      (unreachable))
      (return (call $uleb (local.get $pos) (i32.const 5) (i32.const 0xf0))))
      (return (call $sleb (local.get $pos) (i32.const 5) (i32.const 0x78))))
      (return (call $sleb (local.get $pos) (i32.const 10) (i32.const 0x7f))))
      (return (call $sleb (local.get $pos) (i32.const 5) (i32.const 0x70))))
      ;; Block type: empty or one value type byte, `(ref null? ht)`, or a type index (s33).
      (call $need (local.get $pos) (i32.const 1))
      (local.set $byte (i32.load8_u $input (local.get $pos)))
      (if (i32.or (i32.eq (local.get $byte) (i32.const 0x40)) (call $is_simple (local.get $byte)))
        (then (return (i32.add (local.get $pos) (i32.const 1)))))
      (if (i32.or (i32.eq (local.get $byte) (i32.const 0x63)) (i32.eq (local.get $byte) (i32.const 0x64)))
        (then
          (return
            (call $sleb (i32.add (local.get $pos) (i32.const 1)) (i32.const 5) (i32.const 0x70)))))
      (return (call $sleb (local.get $pos) (i32.const 5) (i32.const 0x70))))
      (call $need (local.get $pos) (i32.const 1))
      (return (i32.add (local.get $pos) (i32.const 1))))
      (call $need (local.get $pos) (i32.const 1))
      (if (i32.load8_u $input (local.get $pos)) (then (unreachable)))
      (return (i32.add (local.get $pos) (i32.const 1))))
      (call $need (local.get $pos) (i32.const 4))
      (return (i32.add (local.get $pos) (i32.const 4))))
      (call $need (local.get $pos) (i32.const 8))
      (return (i32.add (local.get $pos) (i32.const 8))))
      (call $need (local.get $pos) (i32.const 16))
      (return (i32.add (local.get $pos) (i32.const 16))))
      ;; memarg: alignment (bit 6 announces a memory index), then a 64-bit offset.
      (local.set $pos (call $u32 (local.get $pos)))
      (if (i32.and (global.get $value) (i32.const 0x40))
        (then (local.set $pos (call $uleb (local.get $pos) (i32.const 5) (i32.const 0xf0)))))
      (return (call $uleb (local.get $pos) (i32.const 10) (i32.const 0xfe))))
      ;; br_table: a vector of labels, then the default.
      (local.set $pos (call $u32 (local.get $pos)))
      (local.set $n (global.get $value))
      (if (i32.eq (local.get $n) (i32.const -1)) (then (unreachable)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (loop $labels
        (local.set $pos (call $uleb (local.get $pos) (i32.const 5) (i32.const 0xf0)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $labels (local.get $n)))
      (return (local.get $pos)))
      (local.set $pos (call $u32 (local.get $pos)))
      (local.set $n (global.get $value))
      (block $done
        (loop $types
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $pos (call $valtype (local.get $pos)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $types)))
      (return (local.get $pos)))
    ;; try_table catch clauses: kind (0-3), a tag for kinds 0 and 1, a label.
    (local.set $pos (call $u32 (local.get $pos)))
    (local.set $n (global.get $value))
    (block $done
      (loop $clauses
        (br_if $done (i32.eqz (local.get $n)))
        (call $need (local.get $pos) (i32.const 1))
        (local.set $byte (i32.load8_u $input (local.get $pos)))
        (if (i32.gt_u (local.get $byte) (i32.const 3)) (then (unreachable)))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (if (i32.lt_u (local.get $byte) (i32.const 2))
          (then (local.set $pos (call $uleb (local.get $pos) (i32.const 5) (i32.const 0xf0)))))
        (local.set $pos (call $uleb (local.get $pos) (i32.const 5) (i32.const 0xf0)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $clauses)))
    (local.get $pos))

  ;; One value type at $pos: a single byte, or `(ref null? ht)`.
  (func $valtype (param $pos i32) (result i32)
    (local $byte i32)
    (call $need (local.get $pos) (i32.const 1))
    (local.set $byte (i32.load8_u $input (local.get $pos)))
    (if (i32.or (i32.eq (local.get $byte) (i32.const 0x63)) (i32.eq (local.get $byte) (i32.const 0x64)))
      (then
        (return
          (call $sleb (i32.add (local.get $pos) (i32.const 1)) (i32.const 5) (i32.const 0x70)))))
    (if (i32.eqz (call $is_simple (local.get $byte))) (then (unreachable)))
    (i32.add (local.get $pos) (i32.const 1)))

  ;; Number types, v128 and the abstract reference type shorthands.
  (func $is_simple (param $byte i32) (result i32)
    (i32.or
      (i32.and (i32.ge_u (local.get $byte) (i32.const 0x7b)) (i32.le_u (local.get $byte) (i32.const 0x7f)))
      (i32.and (i32.ge_u (local.get $byte) (i32.const 0x69)) (i32.le_u (local.get $byte) (i32.const 0x74)))))

  ;; Whether a value type starting with $byte is a reference type.
  (func $is_ref (param $byte i32) (result i32)
    (i32.and (i32.ge_u (local.get $byte) (i32.const 0x63)) (i32.le_u (local.get $byte) (i32.const 0x74))))

  ;; Traps unless $n bytes from $pos are within $end.
  (func $need (param $pos i32) (param $n i32)
    (if (i64.gt_u
          (i64.add (i64.extend_i32_u (local.get $pos)) (i64.extend_i32_u (local.get $n)))
          (i64.extend_i32_u (global.get $end)))
      (then (unreachable))))

  ;; An unsigned LEB128 u32 at $pos; its value goes to $value. Returns the position after it.
  (func $u32 (param $pos i32) (result i32)
    (local $byte i32) (local $shift i32) (local $result i32)
    (loop $more
      (if (i32.ge_u (local.get $pos) (global.get $end)) (then (unreachable)))
      (local.set $byte (i32.load8_u $input (local.get $pos)))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (if (i32.and
            (i32.eq (local.get $shift) (i32.const 28))
            (i32.ne (i32.and (local.get $byte) (i32.const 0xf0)) (i32.const 0)))
        (then (unreachable)))
      (local.set $result
        (i32.or (local.get $result)
          (i32.shl (i32.and (local.get $byte) (i32.const 0x7f)) (local.get $shift))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (br_if $more (i32.and (local.get $byte) (i32.const 0x80))))
    (global.set $value (local.get $result))
    (local.get $pos))

  ;; Skips an unsigned LEB128 of at most $max bytes, whose last allowed byte has no bits of $mask.
  (func $uleb (param $pos i32) (param $max i32) (param $mask i32) (result i32)
    (local $byte i32) (local $last i32)
    (local.set $last (i32.add (local.get $pos) (i32.sub (local.get $max) (i32.const 1))))
    (loop $more
      (if (i32.ge_u (local.get $pos) (global.get $end)) (then (unreachable)))
      (local.set $byte (i32.load8_u $input (local.get $pos)))
      (if (i32.eq (local.get $pos) (local.get $last))
        (then
          (if (i32.and (local.get $byte) (local.get $mask)) (then (unreachable)))
          (return (i32.add (local.get $pos) (i32.const 1)))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (br_if $more (i32.and (local.get $byte) (i32.const 0x80))))
    (local.get $pos))

  ;; Skips a signed LEB128 of at most $max bytes, whose last allowed byte has its bits of $mask
  ;; all equal (a sign extension) and no continuation bit.
  (func $sleb (param $pos i32) (param $max i32) (param $mask i32) (result i32)
    (local $byte i32) (local $last i32) (local $high i32)
    (local.set $last (i32.add (local.get $pos) (i32.sub (local.get $max) (i32.const 1))))
    (loop $more
      (if (i32.ge_u (local.get $pos) (global.get $end)) (then (unreachable)))
      (local.set $byte (i32.load8_u $input (local.get $pos)))
      (if (i32.eq (local.get $pos) (local.get $last))
        (then
          (local.set $high (i32.and (local.get $byte) (local.get $mask)))
          (if (i32.or
                (i32.ge_u (local.get $byte) (i32.const 0x80))
                (i32.and
                  (i32.ne (local.get $high) (i32.const 0))
                  (i32.ne (local.get $high) (local.get $mask))))
            (then (unreachable)))
          (return (i32.add (local.get $pos) (i32.const 1)))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (br_if $more (i32.and (local.get $byte) (i32.const 0x80))))
    (local.get $pos))

  ;; Report $n at $reports, growing the memory as needed.
  (func $report (param $reports i32) (param $n i32)
    (param $opcode i32) (param $sub i32) (param $offset i32) (param $body i32)
    (local $at i32) (local $pages i32)
    (local.set $at (i32.add (local.get $reports) (i32.shl (local.get $n) (i32.const 4))))
    (loop $grow
      (if (i64.gt_u
            (i64.add (i64.extend_i32_u (local.get $at)) (i64.const 16))
            (i64.shl (i64.extend_i32_u (memory.size $own)) (i64.const 16)))
        (then
          (local.set $pages (memory.size $own))
          (if (i32.eq (memory.grow $own (local.get $pages)) (i32.const -1)) (then (unreachable)))
          (br $grow))))
    (i32.store $own (local.get $at) (local.get $opcode))
    (i32.store $own offset=4 (local.get $at) (local.get $sub))
    (i32.store $own offset=8 (local.get $at) (local.get $offset))
    (i32.store $own offset=12 (local.get $at) (local.get $body)))
)
