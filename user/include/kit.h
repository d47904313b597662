/*
 * kit.h: the user library, everything a program in this kit can call:
 * the system calls (generated from kernel/syscalls.list, each returning a
 * negative error code on failure), printf, strings, the seeded random
 * generator, and a few helpers for test programs. Provided.
 */
#ifndef USER_KIT_H
#define USER_KIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "errno.h"
#include "fmt.h"
#include "kinfo.h"
#include "mem.h"
#include "msg.h"
#include "rng.h"
#include "string.h"
#include "syscall_nums.h"
#include "syscall_user.h"

/* printf: format (as lib/fmt.h) and write to the console. Output shows
 * up a whole line at a time, framed with the program's name and pid. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write a string and a newline. */
int puts(const char *s);

/* Any system call by number, with five raw arguments (for the fuzzer and
 * for tests that pass deliberately bad values). */
int syscall_raw(uint32_t num, uint32_t a0, uint32_t a1, uint32_t a2,
                uint32_t a3, uint32_t a4);

/* The value of "key=value" among a program's arguments, or NULL. */
const char *arg_get(int argc, char **argv, const char *key);
/* The same as a decimal number, or 'fallback'. */
uint32_t arg_uint(int argc, char **argv, const char *key, uint32_t fallback);

/* spawn_or_die: spawn 'name' with 'args'; on error print why and exit. */
int spawn_or_die(const char *name, const char *args);
/* spawnf: spawn_or_die with arguments formatted as printf formats them
 * (at most 119 characters). */
int spawnf(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* result_name: "ok" for r >= 0, else the error's name (errno_name). */
const char *result_name(int r);

/* Read the time-stamp counter (under -icount shift=0: instructions). */
static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* One benchmark result, as tools/bench.py reads it: "result NAME PER-OP
 * DESCRIPTION", PER-OP being total / ops (guest instructions under make
 * bench). */
static inline void bench_result(const char *name, uint64_t total,
                                uint32_t ops, const char *what)
{
    printf("result %s %llu %s\n", name, (unsigned long long)(total / ops),
           what);
}

#endif /* USER_KIT_H */
