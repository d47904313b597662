/*
 * trap.h: the trap frame, what the CPU and vectors.asm push on the kernel
 * stack when an interrupt, exception or system call enters the kernel.
 * Hardware glue; provided.
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdint.h>

/* Exception and interrupt vectors. */
#define T_DIVIDE      0
#define T_DEBUG       1
#define T_BRKPT       3
#define T_ILLOP       6
#define T_DBLFLT      8
#define T_GPFLT       13
#define T_PGFLT       14
#define T_IRQ0        32      /* IRQ n arrives at vector T_IRQ0 + n */
#define T_SYSCALL     0x40    /* int 0x40 from user mode */

#define IRQ_TIMER     0

struct trapframe {
    /* pushad */
    uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;
    /* segment registers */
    uint32_t gs, fs, es, ds;
    /* vectors.asm */
    uint32_t trapno, err;
    /* the CPU */
    uint32_t eip, cs, eflags;
    /* the CPU, only when the trap came from user mode */
    uint32_t esp, ss;
};

/* True when the trap interrupted user-mode code. */
static inline int trap_from_user(const struct trapframe *tf)
{
    return (tf->cs & 3) == 3;
}

void trap(struct trapframe *tf);
void trapret(void);

#endif /* ARCH_TRAP_H */
