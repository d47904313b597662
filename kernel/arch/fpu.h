/*
 * fpu.h: the x87 and SSE registers of user processes. The kernel itself
 * never touches them (it is built with -mgeneral-regs-only), so what they
 * hold always belongs to the process that ran last in user mode; the
 * scheduler saves them when a process leaves the CPU and loads them when
 * one enters (sched.c). Hardware glue; provided.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stdint.h>

/* The image fxsave writes and fxrstor reads: the x87 control, status and
 * tag words, the eight x87 registers, MXCSR and xmm0..xmm7. 512 bytes,
 * aligned on 16, or the instructions fault. */
struct fpu_state {
    uint8_t bytes[512];
} __attribute__((aligned(16)));

/* Let user code use x87 and SSE instructions (CR0, CR4). Panics when the
 * CPU has no fxsave or no SSE. Call once, at boot. */
void fpu_init(void);

/* The state a new process starts with: every register zero, the x87
 * control word as after FNINIT (0x037F) and MXCSR as after a reset
 * (0x1F80): round to nearest, every exception masked. */
void fpu_state_init(struct fpu_state *s);

/* Save the registers into s; load them from s. Neither ever faults on a
 * state that fxsave wrote (a pending x87 exception waits for the next x87
 * instruction in user mode). */
static inline void fpu_save(struct fpu_state *s)
{
    __asm__ volatile("fxsave %0" : "=m"(*s));
}

static inline void fpu_restore(const struct fpu_state *s)
{
    __asm__ volatile("fxrstor %0" : : "m"(*s));
}

#endif /* ARCH_FPU_H */
