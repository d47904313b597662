/*
 * test.h: the kernel's side of the test protocol (docs/protocol.md): the
 * begin and end markers, starting the named test, the leak check, and the
 * exit codes QEMU passes on to the grader. Provided.
 */
#ifndef KERNEL_TEST_H
#define KERNEL_TEST_H

#include <stdint.h>

#define EXIT_DONE     0x21     /* QEMU exits with 67 */
#define EXIT_PANIC    0x22     /* 69 */
#define EXIT_TIMEOUT  0x23     /* 71 */

/* Print "KIT BEGIN ..." and remember what is allocated now. */
void test_begin(void);
/* Remember what is allocated (for the leak check), then run the test
 * named on the command line: a kernel self-test runs at once
 * and ends the run; a user program becomes the first process. */
void test_start(void);
/* The scheduler calls this when nothing can run: if the first process has
 * exited and every process is gone, check for leaks and end the run. */
void test_idle(void);
/* The first process exited: kill the rest. */
void test_init_exited(int status);
/* True for the test's first process. */
struct proc;
int test_is_init(const struct proc *p);
/* Print "KIT END how" and leave QEMU with 'code'. Never returns. */
void test_end(const char *how, uint8_t code) __attribute__((noreturn));
/* End with the leak check, as a finished test does. */
void test_finish(void) __attribute__((noreturn));

#endif /* KERNEL_TEST_H */
