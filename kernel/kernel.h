/*
 * kernel.h: what every kernel file needs: fixed-size types, kprintf and
 * panic, and the error codes. Provided.
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "errno.h"
#include "string.h"

/* An address in some process's user space: a number, not a pointer, until
 * usercopy.c has checked it. */
typedef uint32_t uaddr_t;

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

/*
 * kprintf: print to the console as the kernel. Output is collected a line
 * at a time and each line goes out whole as "kernel| TEXT". Formats as
 * fmt_vformat (lib/fmt.h). Never blocks.
 */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * panic: report an unrecoverable kernel error (why, and where), show a
 * backtrace, end the run with the "panic" code. Never returns.
 */
#define panic(...) panic_at(__FILE__, __LINE__, __VA_ARGS__)
void panic_at(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

/* assert: panic with the condition's text when it is false. */
#define assert(c) \
    do { if (!(c)) panic("assertion failed: %s", #c); } while (0)

#endif /* KERNEL_KERNEL_H */
