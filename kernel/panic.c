/*
 * panic.c: the end of the line for a kernel that finds itself broken. It
 * says why and where, walks the frame-pointer chain for a backtrace (look
 * the addresses up with addr2line -e build/labN/kernel.elf), and ends the
 * run with the "panic" code. Provided.
 */
#include "kernel.h"
#include "console.h"
#include "fmt.h"
#include "proc.h"
#include "test.h"
#include "mmu.h"
#include "x86.h"

extern char __kernel_start[], __kernel_end[];

static void backtrace(void)
{
    uint32_t *ebp = (uint32_t *)read_ebp();
    for (int depth = 0; depth < 10 && ebp; depth++) {
        if ((uint32_t)ebp < (uint32_t)__kernel_start ||
            (uint32_t)ebp >= KERNEL_TOP)
            break;
        uint32_t ret = ebp[1];
        if (ret < (uint32_t)__kernel_start || ret >= (uint32_t)__kernel_end)
            break;
        kprintf("  called from %p\n", (void *)ret);
        ebp = (uint32_t *)ebp[0];
    }
}

void panic_at(const char *file, int line, const char *fmt, ...)
{
    static int panicking;
    cli();
    if (panicking++)                 /* a panic while panicking: just stop */
        test_end("panic", EXIT_PANIC);
    console_flush();

    char why[160];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);

    kprintf("PANIC: %s (at %s:%d)\n", why, file, line);
    struct proc *p = proc_current();
    if (p)
        kprintf("  while running %s.%d\n", p->name, p->pid);
    backtrace();
    test_end("panic", EXIT_PANIC);
}
