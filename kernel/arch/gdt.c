/*
 * gdt.c: the global descriptor table. Flat 4 GiB segments for kernel and
 * user code and data, and one task-state segment whose only job is to tell
 * the CPU which stack to use when a trap arrives from user mode.
 * Hardware glue; provided.
 */
#include <stdint.h>
#include "cpu.h"
#include "mmu.h"

struct seg_desc {
    uint16_t limit_lo, base_lo;
    uint8_t base_mid, access, limit_hi_flags, base_hi;
} __attribute__((packed));

struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
};
_Static_assert(sizeof(struct tss) == 104, "the i386 TSS is 104 bytes");

static struct seg_desc gdt[6];
static struct tss tss;
uint32_t *const tss_esp0 = &tss.esp0;

static struct seg_desc seg(uint32_t base, uint32_t limit, uint8_t access,
                           uint8_t flags)
{
    struct seg_desc d = {
        .limit_lo = limit & 0xFFFF,
        .base_lo = base & 0xFFFF,
        .base_mid = (base >> 16) & 0xFF,
        .access = access,
        .limit_hi_flags = (uint8_t)(((limit >> 16) & 0x0F) | (flags << 4)),
        .base_hi = (base >> 24) & 0xFF,
    };
    return d;
}

void gdt_init(void)
{
    /* access: present | ring | code/data | type; flags: 4 KiB units, 32-bit */
    gdt[1] = seg(0, 0xFFFFF, 0x9A, 0xC);      /* kernel code */
    gdt[2] = seg(0, 0xFFFFF, 0x92, 0xC);      /* kernel data */
    gdt[3] = seg(0, 0xFFFFF, 0xFA, 0xC);      /* user code, ring 3 */
    gdt[4] = seg(0, 0xFFFFF, 0xF2, 0xC);      /* user data, ring 3 */
    gdt[5] = seg((uint32_t)&tss, sizeof(tss) - 1, 0x89, 0x0);

    tss.ss0 = SEG_KDATA;
    tss.iomap_base = sizeof(tss);             /* no I/O bitmap */

    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) ptr = {
        sizeof(gdt) - 1, (uint32_t)gdt
    };
    __asm__ volatile(
        "lgdt %0\n\t"
        "movw %1, %%ax\n\t"
        "movw %%ax, %%ds\n\tmovw %%ax, %%es\n\tmovw %%ax, %%fs\n\t"
        "movw %%ax, %%gs\n\tmovw %%ax, %%ss\n\t"
        "ljmp %2, $1f\n1:\n\t"
        "movw %3, %%ax\n\tltr %%ax"
        : : "m"(ptr), "i"(SEG_KDATA), "i"(SEG_KCODE), "i"(SEG_TSS)
        : "eax", "memory");
}
