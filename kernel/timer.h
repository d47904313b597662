/*
 * timer.h: time as the kernel counts it, in ticks of the PIT (TIMER_HZ a
 * second). Lab 1.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <stdint.h>

#define TIMER_HZ 100

/* Start the PIT; end the run once 'limit' ticks have passed (0: never). */
void timer_init(uint32_t limit);
/* Spin for a seed-dependent while, so the seed moves where in a program
 * the timer's interrupts (and so preemptions) fall. */
void timer_phase(uint32_t seed);
/* LAB 1: the interrupt handler for IRQ 0. */
void timer_interrupt(void);
/* Ticks since boot. */
uint32_t timer_ticks(void);

#endif /* KERNEL_TIMER_H */
