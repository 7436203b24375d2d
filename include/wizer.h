/*
 * wizer.h — pre-initialize a WASI command (C or C++) with Wizer or wizer-action.
 *
 * Usage, in exactly one translation unit:
 *
 *     #include "wizer.h"
 *     static void init(void) { ...build tables, parse config, warm caches... }
 *     WIZER_INIT(init);            // or WIZER_DEFAULT_INIT(); to only run static constructors
 *
 * Build and wizen:
 *
 *     clang++ --target=wasm32-wasip1 -O2 -fno-exceptions -I include -o in.wasm prog.cpp
 *     wizer --allow-wasi -r _start=wizer.resume -o out.wasm in.wasm
 *
 * What the macro adds to the module:
 *   - export `wizer-initialize`: runs the static constructors (`__wasm_call_ctors`), then `init`.
 *     Wizer calls it, snapshots memory and globals, and removes the export from the output.
 *   - export `wizer.resume`: runs `main` with the run-time arguments (through wasi-libc's
 *     `__main_void`), then the static destructors, then exits with main's status when it is
 *     non-zero. `-r _start=wizer.resume` makes it the output's `_start`, so the pre-initialized
 *     program goes straight to `main` without running its constructors a second time.
 *
 * Caveat: wasi-libc builds differ in how the original crt1 `_start` runs the constructors. Current
 * ones call them themselves; older ones leave it to wasm-ld, which stops inserting the calls once a
 * program refers to `__wasm_call_ctors` itself (as this header does). To run the *un-wizened*
 * module with the same meaning everywhere, call `wizer-initialize` and then `wizer.resume`.
 */
#ifndef WIZER_ACTION_WIZER_H
#define WIZER_ACTION_WIZER_H

#include <wasi/api.h> /* declares __wasi_proc_exit (as _Noreturn); redeclaring it conflicts */

#ifdef __cplusplus
#define WIZER_EXTERN_C_BEGIN extern "C" {
#define WIZER_EXTERN_C_END }
#else
#define WIZER_EXTERN_C_BEGIN
#define WIZER_EXTERN_C_END
#endif

/*
 * wasi-libc's entry that fetches argc/argv and calls main. wasi-sdk 16 (clang 14.0.4) renamed it
 * from `__original_main` to `__main_void` and dropped the old name. Compilers that do not say
 * which clang they are get the current name.
 */
#if defined(__clang_major__) &&                                                                   \
    (__clang_major__ < 14 ||                                                                      \
     (__clang_major__ == 14 && __clang_minor__ == 0 && __clang_patchlevel__ < 4))
#define WIZER_MAIN_VOID __original_main
#else
#define WIZER_MAIN_VOID __main_void
#endif

#define WIZER_INIT(init_fn)                                                                       \
  WIZER_EXTERN_C_BEGIN                                                                            \
  void __wasm_call_ctors(void);                                                                   \
  void __wasm_call_dtors(void);                                                                   \
  int WIZER_MAIN_VOID(void);                                                                      \
  __attribute__((export_name("wizer-initialize"))) void wizer_h_initialize(void) {                \
    /* No crt1 `_start` has run during wizening, so the constructors have not either. */          \
    __wasm_call_ctors();                                                                          \
    init_fn();                                                                                    \
  }                                                                                               \
  __attribute__((export_name("wizer.resume"))) void wizer_h_resume(void) {                        \
    int status = WIZER_MAIN_VOID();                                                               \
    __wasm_call_dtors();                                                                          \
    if (status != 0) __wasi_proc_exit((__wasi_exitcode_t)status);                                 \
  }                                                                                               \
  WIZER_EXTERN_C_END

/* For programs whose only initialization is their static constructors. */
#define WIZER_DEFAULT_INIT()                                                                      \
  static void wizer_h_no_init(void) {}                                                            \
  WIZER_INIT(wizer_h_no_init)

#endif /* WIZER_ACTION_WIZER_H */
