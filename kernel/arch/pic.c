/*
 * pic.c: the two 8259A interrupt controllers. They are moved off the CPU's
 * exception vectors to T_IRQ0..T_IRQ0+15, and every line but the timer is
 * masked: the console is polled. Hardware glue; provided.
 */
#include "cpu.h"
#include "trap.h"
#include "x86.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI   0x20

void pic_init(void)
{
    outb(PIC1_CMD, 0x11);           /* ICW1: edge, cascade, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, T_IRQ0);        /* ICW2: vector offsets */
    outb(PIC2_DATA, T_IRQ0 + 8);
    outb(PIC1_DATA, 0x04);          /* ICW3: slave on line 2 */
    outb(PIC2_DATA, 0x02);
    outb(PIC1_DATA, 0x01);          /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
    outb(PIC1_DATA, (uint8_t)~(1u << IRQ_TIMER));
    outb(PIC2_DATA, 0xFF);
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
