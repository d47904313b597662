/*
 * main.c: the kernel's first C code. It brings the machine up in order,
 * starts the test named on the command line, and becomes the scheduler.
 * Provided.
 */
#include "kernel.h"
#include "cmdline.h"
#include "console.h"
#include "cpu.h"
#include "fpu.h"
#include "frame.h"
#include "multiboot.h"
#include "sched.h"
#include "test.h"
#include "timer.h"
#include "vm.h"
#include "ipc_hooks.h"

extern char __kernel_end[];

/* With mmap=1 on the command line: the boot loader's memory map as it
 * is, and where the kernel ends, so that the grader can work out what
 * frame_init must have made of them (the memory test). */
static void print_map(const struct multiboot_info *mbi)
{
    if (!(mbi->flags & MB_INFO_MMAP))
        return;
    uint32_t at = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;
    while (at < end) {
        const struct multiboot_mmap_entry *e = (const void *)at;
        kprintf("memory map: addr %llx len %llx type %u\n",
                (unsigned long long)e->addr, (unsigned long long)e->len,
                e->type);
        at += e->size + 4;
    }
    kprintf("memory map: kernel end %p\n", (void *)__kernel_end);
}

static const char *loader_name(const struct multiboot_info *mbi)
{
    if (mbi->flags & MB_INFO_LOADER)
        return (const char *)mbi->boot_loader_name;
    return "an unnamed loader";
}

void kmain(uint32_t magic, const struct multiboot_info *mbi)
{
    console_init();
    if (magic != MULTIBOOT_BOOT_MAGIC)
        panic("not started by a multiboot loader (magic %p)", (void *)magic);
    cmdline_init(mbi->flags & MB_INFO_CMDLINE ? (const char *)mbi->cmdline
                                              : "");
    test_begin();
    kprintf("kit stage %d booting, loaded by %s\n", LAB, loader_name(mbi));
    gdt_init();
    idt_init();
    fpu_init();
    pic_init();
    frame_init(mbi);
    vm_init();
    kprintf("memory: %u KiB usable, %u frames free\n", frame_mem_kib(),
            frame_free_count());
    if (cmdline_uint("mmap", 0))
        print_map(mbi);
    timer_init(cmdline_uint("limit", 0));
    ipc_init();
    timer_phase(cmdline_uint("seed", 1));
    test_start();
    scheduler();
}
