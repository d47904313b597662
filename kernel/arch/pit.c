/*
 * pit.c: the 8253/8254 programmable interval timer, channel 0, which raises
 * IRQ 0 at a fixed rate: the heartbeat of preemptive scheduling.
 * Hardware glue; lab 1 (the student programs the chip).
 */
#include "cpu.h"
#include "x86.h"

#define PIT_HZ       1193182u   /* the chip's input clock */
#define PIT_CH0      0x40
#define PIT_CMD      0x43

/*
 * pit_init: make channel 0 interrupt 'hz' times a second (mode 2, rate
 * generator). Arguments: hz, between 19 and 1193182. Does not block.
 */
void pit_init(uint32_t hz)
{
#ifdef SOL_LAB1
    uint32_t divisor = (PIT_HZ + hz / 2) / hz;
    outb(PIT_CMD, 0x34);                 /* channel 0, lo/hi byte, mode 2 */
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, (divisor >> 8) & 0xFF);
#else
    /* LAB 1: your code here. Send the command byte, then the divisor. */
    (void)hz;
#endif
}
