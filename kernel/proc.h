/*
 * proc.h: processes. Each has one thread, its own address space, a kernel
 * stack, and a state in the life cycle
 *     EMBRYO -> RUNNABLE <-> RUNNING -> ZOMBIE -> (free)
 *                   ^            |
 *                   +- BLOCKED <-+
 * Provided.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdint.h>
#include "fpu.h"
#include "mmu.h"
#include "trap.h"
#if LAB >= 2
#include "ipc_proc.h"
#endif

#define NPROC         128
#define PROC_NAME_MAX 16
#define PROC_LINE_MAX 200       /* console line buffer of a process */
#define PROC_ARGS_MAX 128       /* spawn's argument string */

enum proc_state { P_UNUSED, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_BLOCKED,
                  P_ZOMBIE };

/* Why a process is blocked (for traces, gdb and the kernel's checks). */
enum block_reason { B_NONE, B_SLEEP, B_WAIT, B_SEND, B_RECEIVE, B_REPLY,
                    B_ROOM, B_PORT_SEND, B_PORT_RECV, B_PORT_ROOM,
                    B_MBOX_RECV, B_MBOX_ROOM };

/* Registers swtch() saves: the callee-saved ones and the return address. */
struct context {
    uint32_t edi, esi, ebx, ebp, eip;
};

struct proc {
    int pid;
    enum proc_state state;
    char name[PROC_NAME_MAX];
    pde_t *pgdir;               /* address space */
    uint8_t *kstack;            /* one page; the trapframe sits at its top */
    struct trapframe *tf;       /* user registers while in the kernel */
    struct context *ctx;        /* where swtch() resumes this process */
    struct proc *parent;        /* NULL once the parent is gone */
    int exit_status;
    int killed;                 /* leave at the next return to user mode */

    enum block_reason blocked_on;
    uint32_t deadline;          /* tick to wake at with -ETIMEDOUT; 0: none */
    int wake_result;            /* what proc_block() returns */

    char line[PROC_LINE_MAX];   /* console output not yet a whole line */
    int line_len;
    struct fpu_state fpu;       /* x87 and SSE registers while off the CPU */
#if LAB >= 2
    struct ipc_proc ipc;        /* message-passing state (lab 2 on) */
#endif
};

/* The running process, or NULL in the scheduler. */
struct proc *proc_current(void);
/* The process table; pid modulo NPROC is a process's slot. */
extern struct proc proc_slots[NPROC];

/* The live (not unused, not zombie) process with this id, or NULL. One
 * look, no search: inline, since every message names its partner. */
static inline struct proc *proc_find(int pid)
{
    struct proc *p = &proc_slots[(uint32_t)pid % NPROC];
    if (pid <= 0 || p->pid != pid || p->state == P_UNUSED ||
        p->state == P_ZOMBIE)
        return 0;
    return p;
}
/* Processes alive. */
int proc_count(void);
/* Every slot, for loops over all processes (NPROC entries). */
struct proc *proc_table(void);

/*
 * proc_spawn: start program 'name' (one the boot image carries) with the
 * argument string 'args' as a child of 'parent' (NULL: no parent).
 * Returns the new pid, -ENOENT (no such program), -EAGAIN (process table
 * full) or -ENOMEM; on error nothing is left allocated. Never blocks.
 */
int proc_spawn(const char *name, const char *args, struct proc *parent);

/* End the running process with 'status'. Never returns. */
void proc_exit(int status) __attribute__((noreturn));

/* Mark p to die: a blocked p wakes with -EINTR, and p exits at its next
 * return to user mode with STATUS_KILLED. */
void proc_kill(struct proc *p);
/* Kill every process (the test is over). */
void proc_kill_all(void);

/* Print every process and what it waits for (when a test runs out of
 * time). */
void proc_dump(void);

/* Reap a zombie child: free its slot and return its pid. */
int proc_reap(struct proc *child);

#endif /* KERNEL_PROC_H */
