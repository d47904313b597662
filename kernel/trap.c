/*
 * trap.c: where every interrupt, exception and system call lands. A fault
 * in user mode ends only that process, with a readable report (unless it
 * is a write to a copy-on-write page, which fault.c resolves: lab 5); a
 * fault in the kernel is a panic. Lab 1: trap_report.
 */
#include "kernel.h"
#include "cpu.h"
#include "fault.h"
#include "kinfo.h"
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "timer.h"
#include "trap.h"
#include "x86.h"

static const char *trap_name(uint32_t n)
{
    static const char *const names[] = {
        "divide error", "debug", "non-maskable interrupt", "breakpoint",
        "overflow", "bound range exceeded", "invalid opcode",
        "device not available", "double fault", "coprocessor overrun",
        "invalid TSS", "segment not present", "stack fault",
        "general protection fault", "page fault", "reserved",
        "x87 floating-point error", "alignment check", "machine check",
        "SIMD floating-point error",
    };
    return n < ARRAY_LEN(names) ? names[n] : "unknown trap";
}

/*
 * trap_report: print a trap frame so that a person can see what happened:
 * the trap's number and name, who was running, and the registers (for a
 * page fault also the faulting address, cr2, and what the error code says).
 * Never blocks.
 */
static void trap_report(const struct trapframe *tf, const struct proc *p)
{
#ifdef SOL_LAB1
    if (p)
        kprintf("trap %u (%s) in %s.%d, %s mode\n", tf->trapno,
                trap_name(tf->trapno), p->name, p->pid,
                trap_from_user(tf) ? "user" : "kernel");
    else
        kprintf("trap %u (%s) in the kernel\n", tf->trapno,
                trap_name(tf->trapno));
    kprintf("  eip=%p err=%p eflags=%p cs=%p\n", (void *)tf->eip,
            (void *)tf->err, (void *)tf->eflags, (void *)tf->cs);
    kprintf("  eax=%p ebx=%p ecx=%p edx=%p\n", (void *)tf->eax,
            (void *)tf->ebx, (void *)tf->ecx, (void *)tf->edx);
    kprintf("  esi=%p edi=%p ebp=%p", (void *)tf->esi, (void *)tf->edi,
            (void *)tf->ebp);
    if (trap_from_user(tf))
        kprintf(" esp=%p", (void *)tf->esp);
    kprintf("\n");
    if (tf->trapno == T_PGFLT)
        kprintf("  cr2=%p: %s of a %s page, from %s mode\n",
                (void *)read_cr2(), tf->err & 2 ? "write" : "read",
                tf->err & 1 ? "protected" : "not-present",
                tf->err & 4 ? "user" : "kernel");
#else
    /* LAB 1: your code here. */
    (void)p;
    kprintf("trap %u\n", tf->trapno);
    (void)trap_name;
#endif
}

static void fault(struct trapframe *tf)
{
    struct proc *p = proc_current();
    if (!trap_from_user(tf) || !p) {
        trap_report(tf, p);
        panic("unexpected %s in the kernel", trap_name(tf->trapno));
    }
    if (tf->trapno == T_PGFLT && vm_user_fault(p, read_cr2(), tf->err))
        return;                     /* resolved: copy-on-write (lab 5) */
    trap_report(tf, p);
    if (tf->trapno == T_PGFLT)
        vm_fault_explain(p, read_cr2());
    kprintf("killed %s.%d\n", p->name, p->pid);
    proc_exit(STATUS_FAULT((int)tf->trapno));
}

void trap(struct trapframe *tf)
{
    int preempt = 0;
    if (tf->trapno == T_SYSCALL) {
        syscall(tf);
    } else if (tf->trapno == T_IRQ0 + IRQ_TIMER) {
        timer_interrupt();
        preempt = 1;
    } else if (tf->trapno >= T_IRQ0 && tf->trapno < T_IRQ0 + 16) {
        pic_eoi((int)tf->trapno - T_IRQ0);   /* spurious: ignore */
    } else {
        fault(tf);
    }

    struct proc *p = proc_current();
    if (p && trap_from_user(tf)) {
        if (p->killed)
            proc_exit(STATUS_KILLED);
        if (preempt)
            yield();
    }
}
