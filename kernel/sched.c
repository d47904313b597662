/*
 * sched.c: round-robin scheduling. The boot thread becomes the scheduler:
 * it picks the next runnable process after the last one run, switches to
 * its address space and kernel stack, and gets control back when that
 * process blocks, yields, is preempted by the timer, or exits. Provided.
 *
 * A switch also changes hands of the x87 and SSE registers (fpu.h): the
 * process leaving the CPU saves them into its struct proc (leave) and the
 * one entering loads its own (sched_enter), on every switch. The other classic
 * scheme, lazy switching, sets CR0.TS and moves the registers only when a
 * process traps on its first x87 or SSE instruction. The kit saves
 * eagerly: two instructions in every switch path and no trap handler,
 * nothing to get wrong when a process exits or a slot is reused, and no
 * window in which one process's registers sit in the CPU while another
 * runs (the window the "lazy FP" speculative leak of 2018 read through).
 * make bench measures what it costs.
 */
#include "kernel.h"
#include "cpu.h"
#include "fpu.h"
#include "proc.h"
#include "sched.h"
#include "test.h"
#include "vm.h"
#include "x86.h"

void swtch(struct context **save, struct context *load);
void proc_release_if_orphan(struct proc *p);

static struct context *scheduler_ctx;
static int last;                 /* table index of the last process run */
struct proc *sched_current;      /* the process on the CPU (sched.h) */
struct proc *sched_woken;        /* the one proc_wake made runnable last */

struct proc *proc_current(void)
{
    return sched_current;
}

static struct proc *next_runnable(void)
{
    struct proc *table = proc_table();
    for (int n = 1; n <= NPROC; n++) {
        struct proc *p = &table[(last + n) % NPROC];
        if (p->state == P_RUNNABLE) {
            last = (int)(p - table);
            return p;
        }
    }
    return NULL;
}

/* p leaves the CPU: keep its x87 and SSE registers (a process that exits
 * never runs again, so its are not worth keeping). */
static void leave(struct proc *p)
{
    if (p->state != P_ZOMBIE)
        fpu_save(&p->fpu);
}

static void run(struct proc *p)
{
    sched_enter(p);
    swtch(&scheduler_ctx, p->ctx);
    /* Back in the scheduler, from whichever process ran last: with direct
     * switches between processes that need not be p. */
    struct proc *was = sched_current;
    vm_switch(vm_kernel_pgdir());
    sched_current = NULL;
    proc_release_if_orphan(was);
}

void scheduler(void)
{
    for (;;) {
        struct proc *p = next_runnable();
        if (p) {
            run(p);
        } else {
            test_idle();
            sti_hlt();           /* wait for the timer, interrupts on */
        }
    }
}

/*
 * sched: leave the CPU. A process that blocks hands the CPU straight to
 * the process it just woke, if that one can run: the partner of a message
 * exchange runs next without a trip through the scheduler's loop (the
 * timer still preempts both, so others are not starved). Otherwise, and
 * always for a process that yields or exits, back to the scheduler.
 */
void sched(void)
{
    struct proc *prev = sched_current, *next = sched_woken;
    assert(prev && prev->state != P_RUNNING);
    sched_woken = NULL;
    leave(prev);
    if (prev->state == P_BLOCKED && next && next != prev &&
        next->state == P_RUNNABLE) {
        sched_enter(next);
        swtch(&prev->ctx, next->ctx);
        return;
    }
    swtch(&prev->ctx, scheduler_ctx);
}

void yield(void)
{
    sched_current->state = P_RUNNABLE;
    sched();
}

int proc_block(enum block_reason why, uint32_t deadline)
{
    struct proc *p = sched_current;
    if (p->killed)
        return -EINTR;
    p->blocked_on = why;
    p->deadline = deadline;
    p->wake_result = 0;
    p->state = P_BLOCKED;
    sched();
    p->blocked_on = B_NONE;
    p->deadline = 0;
    return p->wake_result;
}

int proc_block_switch(enum block_reason why, uint32_t deadline,
                      struct proc *next)
{
    struct proc *p = sched_current;
    assert(!p->killed && next->state == P_RUNNABLE);
    p->blocked_on = why;
    p->deadline = deadline;
    p->wake_result = 0;
    p->state = P_BLOCKED;
    sched_woken = NULL;
    leave(p);
    sched_enter(next);
    swtch(&p->ctx, next->ctx);
    p->blocked_on = B_NONE;
    p->deadline = 0;
    return p->wake_result;
}

void proc_wake(struct proc *p, int result)
{
    if (p->state != P_BLOCKED)
        return;
    p->wake_result = result;
    p->state = P_RUNNABLE;
    sched_woken = p;
}

void sched_tick(uint32_t now)
{
    struct proc *table = proc_table();
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &table[i];
        if (p->state == P_BLOCKED && p->deadline && now >= p->deadline)
            proc_wake(p, -ETIMEDOUT);
    }
}
