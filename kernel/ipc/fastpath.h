/*
 * fastpath.h: the message-passing fast path (fastpath.c): the usual cases
 * of the message-passing calls, taken before the general dispatch. Lab 2,
 * provided.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <stdint.h>
#include "trap.h"

/* The lowest system-call number vectors.asm offers the fast path; ~0
 * (none) when it is off: fastpath=0 on the command line, trace... */
extern uint32_t fastpath_first;

/* Boot: turn the fast path on unless the command line says fastpath=0
 * (a student's kit has none: then it stays off). */
void fastpath_init(void);

/* Run the system call in tf: through the fast path when it applies,
 * else through trap() (the general path). Called by vectors.asm only. */
void fastpath_syscall(struct trapframe *tf);

#endif /* KERNEL_FASTPATH_H */
