/*
 * selftest.h: tests that run inside the kernel, with no user process:
 * they exercise kernel code directly (kprintf's formats, panic).
 * Provided.
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

/* Run the kernel self-test called 'name' and return 1, or return 0 if
 * there is none by that name. */
int selftest_run(const char *name);

#endif /* KERNEL_SELFTEST_H */
