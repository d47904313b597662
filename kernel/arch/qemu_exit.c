/*
 * qemu_exit.c: leave QEMU with an exit status of the kernel's choosing,
 * through the isa-debug-exit device (-device isa-debug-exit,iobase=0xf4).
 * QEMU exits with status (code << 1) | 1. Hardware glue; provided.
 */
#include "cpu.h"
#include "x86.h"

#define DEBUG_EXIT_PORT 0xF4

void qemu_exit(uint8_t code)
{
    outb(DEBUG_EXIT_PORT, code);
    /* Not under QEMU, or without the device: stop here. */
    for (;;) {
        cli();
        hlt();
    }
}
