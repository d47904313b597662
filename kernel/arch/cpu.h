/*
 * cpu.h: setting up the processor's own tables (GDT with a TSS, IDT) and the
 * interrupt controller and timer chips. Hardware glue; provided, except the
 * timer (lab 1).
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

void gdt_init(void);
/* Set the kernel stack the CPU switches to on a trap from user mode: the
 * esp0 field of the task-state segment (set on every process switch). */
extern uint32_t *const tss_esp0;
static inline void tss_set_kernel_stack(uint32_t esp0)
{
    *tss_esp0 = esp0;
}

void idt_init(void);

void pic_init(void);
/* Acknowledge interrupt request line 'irq' at the controller. */
void pic_eoi(int irq);

/* LAB 1: program the PIT to interrupt 'hz' times a second. */
void pit_init(uint32_t hz);

/* End QEMU through the isa-debug-exit device; never returns. */
void qemu_exit(uint8_t code) __attribute__((noreturn));

#endif /* ARCH_CPU_H */
