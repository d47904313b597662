/*
 * serial.c: the COM1 serial port (a 16550 UART), the console the grader
 * reads. Output only, by polling. Hardware glue; lab 1.
 */
#include "drivers.h"
#include "x86.h"

#define COM1       0x3F8
#define REG_DATA   0        /* transmit holding register (DLAB = 0) */
#define REG_IER    1        /* interrupt enable (DLAB = 0) */
#define REG_DLL    0        /* divisor latch, low byte (DLAB = 1) */
#define REG_DLM    1        /* divisor latch, high byte (DLAB = 1) */
#define REG_FCR    2        /* FIFO control */
#define REG_LCR    3        /* line control */
#define REG_MCR    4        /* modem control */
#define REG_LSR    5        /* line status */
#define LSR_THRE   0x20     /* transmit holding register empty */

/*
 * serial_init: set COM1 to 115200 baud, 8 data bits, no parity, one stop
 * bit, FIFOs on, no interrupts. Does not block.
 */
void serial_init(void)
{
#ifdef SOL_LAB1
    outb(COM1 + REG_IER, 0x00);
    outb(COM1 + REG_LCR, 0x80);          /* DLAB on: set the divisor */
    outb(COM1 + REG_DLL, 1);             /* 115200 / 1 */
    outb(COM1 + REG_DLM, 0);
    outb(COM1 + REG_LCR, 0x03);          /* DLAB off, 8N1 */
    outb(COM1 + REG_FCR, 0xC7);          /* FIFOs on and cleared */
    outb(COM1 + REG_MCR, 0x03);          /* DTR, RTS */
#else
    /* LAB 1: your code here. */
#endif
}

/*
 * serial_putc: send one byte on COM1. Busy-waits (briefly) until the
 * transmitter can take it.
 */
void serial_putc(char c)
{
#ifdef SOL_LAB1
    while ((inb(COM1 + REG_LSR) & LSR_THRE) == 0)
        ;
    outb(COM1 + REG_DATA, (uint8_t)c);
#else
    /* LAB 1: your code here. */
    (void)c;
#endif
}
