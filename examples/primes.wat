;; Example module for `npm run demo`: its initialization finds every prime below 2,000,000 by
;; trial division (a few hundred milliseconds of work) and stores them in linear memory.
;; Un-wizened, the first call to `prime_count` pays for that work; wizened, the table is already
;; in the module's data segments.
(module
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))

  (func $init (export "wizer-initialize")
    (local $n i32) (local $i i32) (local $p i32) (local $is_prime i32)
    (drop (memory.grow (i32.const 9)))
    (i32.store (i32.const 0) (i32.const 2))
    (global.set $count (i32.const 1))
    (local.set $n (i32.const 3))
    (loop $candidates
      (local.set $is_prime (i32.const 1))
      (local.set $i (i32.const 0))
      (block $decided
        (loop $divisors
          (local.set $p (i32.load (i32.shl (local.get $i) (i32.const 2))))
          (br_if $decided (i32.gt_u (i32.mul (local.get $p) (local.get $p)) (local.get $n)))
          (if (i32.eqz (i32.rem_u (local.get $n) (local.get $p)))
            (then (local.set $is_prime (i32.const 0)) (br $decided)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $divisors)))
      (if (local.get $is_prime)
        (then
          (i32.store (i32.shl (global.get $count) (i32.const 2)) (local.get $n))
          (global.set $count (i32.add (global.get $count) (i32.const 1)))))
      (local.set $n (i32.add (local.get $n) (i32.const 2)))
      (br_if $candidates (i32.lt_u (local.get $n) (i32.const 2000000)))))

  ;; Initializes lazily when the module was not pre-initialized.
  (func $ensure_init
    (if (i32.eqz (global.get $count)) (then (call $init))))

  (func (export "prime_count") (result i32)
    (call $ensure_init)
    (global.get $count))

  (func (export "nth_prime") (param $n i32) (result i32)
    (call $ensure_init)
    (i32.load (i32.shl (local.get $n) (i32.const 2)))))
