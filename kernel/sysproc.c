/*
 * sysproc.c: the system calls about processes and time: exit, getpid,
 * spawn, wait, kill, sleep, uptime, yield, kinfo. Each checks every
 * argument; none can crash the kernel. Provided.
 */
#include "kernel.h"
#include "fault.h"
#include "frame.h"
#include "kinfo.h"
#include "cmdline.h"
#include "msgcount.h"
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "timer.h"
#include "usercopy.h"
#include "ipc_hooks.h"

/* exit(status): end the calling process. Never returns. */
int32_t sys_exit(int32_t status)
{
    proc_exit(status);
}

/* getpid(): the caller's process id. */
int32_t sys_getpid(void)
{
    return proc_current()->pid;
}

/*
 * spawn(name, args): start program 'name' with argument string 'args'
 * (may be 0 for none) as a child of the caller. Returns its pid; -EFAULT
 * (bad pointer), -ENAMETOOLONG, -ENOENT (no such program), -EAGAIN
 * (process table full), -ENOMEM. Does not block.
 */
int32_t sys_spawn(uaddr_t name, uaddr_t args)
{
    struct proc *p = proc_current();
    char kname[PROC_NAME_MAX], kargs[PROC_ARGS_MAX] = "";
    int n = copy_in_str(p, kname, name, sizeof(kname));
    if (n < 0)
        return n;
    if (args && (n = copy_in_str(p, kargs, args, sizeof(kargs))) < 0)
        return n;
    return proc_spawn(kname, kargs, p);
}

/* A zombie child of p matching pid (-1: any), and whether any child
 * matches at all. */
static struct proc *find_child(struct proc *p, int pid, int *any)
{
    struct proc *table = proc_table();
    *any = 0;
    for (int i = 0; i < NPROC; i++) {
        struct proc *c = &table[i];
        if (c->state == P_UNUSED || c->parent != p ||
            (pid != -1 && c->pid != pid))
            continue;
        *any = 1;
        if (c->state == P_ZOMBIE)
            return c;
    }
    return NULL;
}

/*
 * wait(pid, status): wait until child 'pid' (or any child, for -1) has
 * exited; store its exit status at 'status' (if not 0) and return its pid.
 * Errors: -ECHILD (no such child), -EFAULT (bad status pointer; checked
 * before anything is reaped), -EINTR (the caller was killed). Blocks.
 */
int32_t sys_wait(int32_t pid, uaddr_t status)
{
    struct proc *p = proc_current();
    if (status && !user_range_ok(p, status, sizeof(int32_t), 1))
        return -EFAULT;
    for (;;) {
        int any;
        struct proc *c = find_child(p, pid, &any);
        if (!any)
            return -ECHILD;
        if (c) {
            int32_t code = c->exit_status;
            if (status)
                copy_out(p, status, &code, sizeof(code));
            return proc_reap(c);
        }
        int r = proc_block(B_WAIT, 0);
        if (r == -EINTR)
            return r;
    }
}

/* kill(pid): make process pid exit (status STATUS_KILLED) as soon as it
 * next runs; it wakes if blocked. -ESRCH if there is no such process. */
int32_t sys_kill(int32_t pid)
{
    struct proc *victim = proc_find(pid);
    if (!victim)
        return -ESRCH;
    proc_kill(victim);
    return 0;
}

/* sleep(n): block for n ticks (0 just yields). -EINVAL for n < 0, -EINTR
 * when killed. */
int32_t sys_sleep(int32_t n)
{
    if (n < 0)
        return -EINVAL;
    if (n == 0) {
        yield();
        return 0;
    }
    int r = proc_block(B_SLEEP, timer_ticks() + (uint32_t)n);
    return r == -ETIMEDOUT ? 0 : r;
}

/* uptime(): ticks since boot. */
int32_t sys_uptime(void)
{
    return (int32_t)timer_ticks();
}

/* yield(): let another process run. */
int32_t sys_yield(void)
{
    yield();
    return 0;
}

/* kinfo(what): one of the KINFO_ counters (lib/kinfo.h), or -EINVAL. */
int32_t sys_kinfo(int32_t what)
{
    int32_t value;
    if (ipc_kinfo(what, &value))
        return value;
    switch (what) {
    case KINFO_FRAMES_FREE: return (int32_t)frame_free_count();
    case KINFO_FRAMES_USED: return (int32_t)frame_used();
    case KINFO_MEM_KIB:     return (int32_t)frame_mem_kib();
    case KINFO_HZ:          return TIMER_HZ;
    case KINFO_SEED:        return (int32_t)cmdline_uint("seed", 1);
    case KINFO_MSGS:        return msgcount_get();
    case KINFO_NPROCS:      return proc_count();
    case KINFO_STAGE:       return LAB;
    case KINFO_COW_FAULTS:  return (int32_t)vm_cow_faults();
    case KINFO_COW_COPIES:  return (int32_t)vm_cow_copies();
    default:                return -EINVAL;
    }
}
