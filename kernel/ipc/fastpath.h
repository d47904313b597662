/*
 * fastpath.h: the message-passing fast path (fastpath.c): the usual cases
 * of the message-passing calls, taken before the general dispatch. Lab 2,
 * provided.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <stdint.h>
#include "trap.h"

/* Where vectors.asm sends each system call numbered below
 * FASTPATH_CALLS: the address of alltraps (the general path), or of
 * fastentry for a call the fast path takes. */
#define FASTPATH_CALLS 32
extern uint32_t fastpath_entry[FASTPATH_CALLS];
extern char fastentry[];

/* Boot: turn the fast path on if 'wanted' (its calls then enter through
 * fastentry); ipc_init wants it unless the command line says fastpath=0
 * or trace=1. A student's kit has none, and there it stays off. */
void fastpath_init(int wanted);

/* Run the system call in tf: through the fast path when it applies,
 * else through trap() (the general path). Called by vectors.asm only. */
void fastpath_syscall(struct trapframe *tf);

#endif /* KERNEL_FASTPATH_H */
