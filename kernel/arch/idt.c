/*
 * idt.c: the interrupt descriptor table. Every vector goes to its stub in
 * vectors.asm as an interrupt gate (so the kernel always runs with
 * interrupts off); only the system-call vector may be raised from ring 3.
 * Hardware glue; provided.
 */
#include <stdint.h>
#include "cpu.h"
#include "mmu.h"
#include "trap.h"

struct gate {
    uint16_t off_lo, sel;
    uint8_t zero, type_attr;
    uint16_t off_hi;
} __attribute__((packed));

extern const uint32_t trap_vectors[256];
static struct gate idt[256];

void idt_init(void)
{
    for (int i = 0; i < 256; i++) {
        uint8_t dpl = (i == T_SYSCALL || i == T_BRKPT) ? 3 : 0;
        idt[i].off_lo = trap_vectors[i] & 0xFFFF;
        idt[i].off_hi = trap_vectors[i] >> 16;
        idt[i].sel = SEG_KCODE;
        idt[i].zero = 0;
        /* present, 32-bit interrupt gate, callable from ring dpl */
        idt[i].type_attr = (uint8_t)(0x8E | (dpl << 5));
    }
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) ptr = {
        sizeof(idt) - 1, (uint32_t)idt
    };
    __asm__ volatile("lidt %0" : : "m"(ptr));
}
