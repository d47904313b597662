/*
 * ipc_hooks.h: the only door from the core (processes, scheduler, memory,
 * system calls about processes) into message passing (kernel/ipc/). The
 * core tells message passing about the life of the machine and of each
 * process, and asks it the few questions it cannot answer itself. Below
 * stage 2 there is no message passing and every hook does nothing.
 *
 * Timeouts need no hook: a wait with a deadline is a proc_block whose
 * deadline the scheduler's tick enforces (sched.h); the waiter then cleans
 * up after itself in its own call. Provided.
 */
#ifndef KERNEL_IPC_HOOKS_H
#define KERNEL_IPC_HOOKS_H

#include <stdint.h>

struct proc;

#if LAB >= 2
/* Boot: read message passing's command-line switches (trace=, drop=...). */
void ipc_init(void);
/* p was just spawned (it has its pid and name, and is runnable). */
void ipc_spawned(struct proc *p);
/* p is exiting with 'status': nobody may stay blocked on it, and what it
 * holds (queued messages, ports, ...) is given back. Runs while p's
 * address space still exists. */
void ipc_exiting(struct proc *p, int status);
/* kinfo(what) for message-passing counters: 1 with *value set, or 0 when
 * 'what' is not one of message passing's. */
int ipc_kinfo(int32_t what, int32_t *value);
/* Whom a blocked p waits for, for the time-limit dump: a pid, 0 for
 * "anyone", -1 when p's wait is not a message-passing one. */
int ipc_waits_on(const struct proc *p);
/* Does [va, va+len) of p overlap memory message passing keeps free in
 * p's address space (lab 5: its open receive window)? map refuses it. */
int ipc_reserved(const struct proc *p, uint32_t va, uint32_t len);
#else
static inline void ipc_init(void) {}
static inline void ipc_spawned(struct proc *p) { (void)p; }
static inline void ipc_exiting(struct proc *p, int status)
{
    (void)p; (void)status;
}
static inline int ipc_kinfo(int32_t what, int32_t *value)
{
    (void)what; (void)value;
    return 0;
}
static inline int ipc_waits_on(const struct proc *p)
{
    (void)p;
    return -1;
}
static inline int ipc_reserved(const struct proc *p, uint32_t va,
                               uint32_t len)
{
    (void)p; (void)va; (void)len;
    return 0;
}
#endif

#endif /* KERNEL_IPC_HOOKS_H */
