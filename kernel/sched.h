/*
 * sched.h: the round-robin scheduler and the one way a process waits in
 * the kernel: proc_block, ended by proc_wake, a deadline, or a kill.
 * Provided.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include "cpu.h"
#include "fpu.h"
#include "proc.h"
#include "vm.h"

/* The scheduler's own state, read by the message fast path (fastpath.c),
 * which switches between two processes itself: the process on the CPU
 * (NULL in the scheduler; proc_current() everywhere else) and the one
 * proc_wake made runnable last (a process that blocks hands the CPU
 * straight to it, see sched()). */
extern struct proc *sched_current;
extern struct proc *sched_woken;

/* Make p (runnable) the running process: its kernel stack, address space
 * and x87 and SSE registers. Inline for the fast path's switch. */
static inline void sched_enter(struct proc *p)
{
    p->state = P_RUNNING;
    sched_current = p;
    tss_set_kernel_stack((uint32_t)p->kstack + PAGE_SIZE);
    vm_switch(p->pgdir);
    fpu_restore(&p->fpu);
}

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
