/*
 * sched.h: the round-robin scheduler and the one way a process waits in
 * the kernel: proc_block, ended by proc_wake, a deadline, or a kill.
 * Provided.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include "proc.h"

/* Run processes forever (the boot thread becomes the scheduler). */
void scheduler(void) __attribute__((noreturn));
/* Give up the CPU; the caller stays runnable. */
void yield(void);
/* Switch to the scheduler; the caller has set its state already. */
void sched(void);

/*
 * proc_block: put the running process to sleep for 'why' until proc_wake
 * or, if deadline != 0, until tick 'deadline'. Returns proc_wake's result,
 * -ETIMEDOUT at the deadline, or -EINTR if the process is killed.
 */
int proc_block(enum block_reason why, uint32_t deadline);
/* proc_block, switching straight to 'next' (runnable) instead of going
 * through the scheduler: the message fast path. The caller must not have
 * been killed. */
int proc_block_switch(enum block_reason why, uint32_t deadline,
                      struct proc *next);
/* Make a blocked p runnable; its proc_block returns 'result'. */
void proc_wake(struct proc *p, int result);
/* The timer calls this every tick: wake whoever's deadline has come. */
void sched_tick(uint32_t now);

#endif /* KERNEL_SCHED_H */
