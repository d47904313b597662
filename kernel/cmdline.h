/*
 * cmdline.h: the kernel command line, "test=NAME seed=N ..." (see
 * docs/protocol.md). Provided.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdint.h>

/* Copy the boot loader's command line into the kernel (call this before
 * any frame is allocated: the loader's copy may lie in free memory). */
void cmdline_init(const char *raw);
/* The value of key=value, or NULL when absent. Valid forever. */
const char *cmdline_get(const char *key);
/* The value as a decimal number, or 'fallback' when absent or malformed. */
uint32_t cmdline_uint(const char *key, uint32_t fallback);

/* The words meant for the test program: every key=value but test= and
 * limit=, space-separated, into buf (size n). */
void cmdline_program_args(char *buf, int n);

#endif /* KERNEL_CMDLINE_H */
