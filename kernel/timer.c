/*
 * timer.c: the clock tick. Every tick wakes the processes whose deadline
 * has come and enforces the run's guest-time limit; the trap code then
 * preempts the running process. Lab 1: timer_interrupt.
 */
#include "kernel.h"
#include "cpu.h"
#include "proc.h"
#include "sched.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

static volatile uint32_t ticks;
static uint32_t limit;

void timer_init(uint32_t limit_ticks)
{
    limit = limit_ticks;
    pit_init(TIMER_HZ);
}

void timer_phase(uint32_t seed)
{
    uint32_t spins = (seed * 2654435761u) % 100000u;
    for (volatile uint32_t i = 0; i < spins; i++)
        ;
}

/*
 * timer_interrupt: one tick has passed. Count it, acknowledge the
 * interrupt at the PIC (or no more will come), and let the scheduler wake
 * sleepers. Runs with interrupts off; never blocks.
 */
void timer_interrupt(void)
{
#ifdef SOL_LAB1
    ticks++;
    pic_eoi(IRQ_TIMER);
#else
    /* LAB 1: your code here. */
#endif
    sched_tick(ticks);
    if (limit && ticks >= limit) {
        kprintf("guest time limit reached (%u ticks); processes left:\n",
                limit);
        proc_dump();
        test_end("timeout", EXIT_TIMEOUT);
    }
}

uint32_t timer_ticks(void)
{
    return ticks;
}
