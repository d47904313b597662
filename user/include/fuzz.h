/*
 * fuzz.h: the fuzzer's view of the system calls: each call's number and
 * the kind of each argument, generated from kernel/syscalls.list into
 * fuzz_table.c, so new calls are fuzzed as soon as they are listed.
 * Provided.
 */
#ifndef USER_FUZZ_H
#define USER_FUZZ_H

#include <stdint.h>

enum fuzz_kind { ARG_INT = 1, ARG_IN, ARG_OUT, ARG_LEN, ARG_PID, ARG_STR,
                 ARG_TICKS, ARG_OBJ, ARG_ADDR };

struct fuzz_call {
    uint32_t num;
    const char *name;
    int nargs;
    enum fuzz_kind kinds[5];
};

extern const int fuzz_ncalls;
extern const struct fuzz_call fuzz_calls[];

#endif /* USER_FUZZ_H */
