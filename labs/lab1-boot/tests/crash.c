/*
 * crash.c (lab 1 helper): fault on purpose, in the way 'mode=' says:
 * div (divide by zero), null (read address 0), kernel (write a kernel
 * page), wild (read an unmapped user address), ud (invalid opcode),
 * gp (a privileged instruction), regs (an invalid opcode with eax, ebx,
 * ecx, edx, esi and edi drawn from 'seed=', for the report to show), x87
 * (1 / 0 with the x87 zero-divide exception unmasked: trap 16).
 */
#include "kit.h"

/* A real divide instruction: the compiler may not turn it into anything
 * else, as it might with 1 / x in C. */
static uint32_t divide(uint32_t a, uint32_t b)
{
    uint32_t q, r;
    __asm__ volatile("divl %4" : "=a"(q), "=d"(r) : "a"(a), "d"(0), "r"(b));
    return q;
}

/* Load six registers from v[0..5] and execute ud2: never returns. */
static void crash_with(const uint32_t *v)
{
    __asm__ volatile("movl 4(%%eax), %%ebx\n\t"
                     "movl 8(%%eax), %%ecx\n\t"
                     "movl 12(%%eax), %%edx\n\t"
                     "movl 16(%%eax), %%esi\n\t"
                     "movl 20(%%eax), %%edi\n\t"
                     "movl 0(%%eax), %%eax\n\t"
                     "ud2"
                     :
                     : "a"(v)
                     : "ebx", "ecx", "edx", "esi", "edi", "memory");
}

/* 1 / 0 on the x87 with the zero-divide exception unmasked; the error
 * is taken at the next waiting x87 instruction (fwait). */
static void x87_divide_by_zero(void)
{
    uint16_t cw = 0x037F & ~0x0004;      /* ZM clear */
    __asm__ volatile("fldcw %0\n\t"
                     "fldz\n\t"
                     "fld1\n\t"
                     "fdiv %%st(1), %%st\n\t"
                     "fwait"
                     :
                     : "m"(cw));
}

int main(int argc, char **argv)
{
    const char *mode = arg_get(argc, argv, "mode");
    printf("about to crash: %s\n", mode ? mode : "(none)");
    if (!mode)
        return 1;
    if (strcmp(mode, "div") == 0)
        printf("%u\n", divide(1, 0));
    else if (strcmp(mode, "null") == 0)
        printf("%d\n", *(volatile int *)0);
    else if (strcmp(mode, "kernel") == 0)
        *(volatile int *)0x100000 = 1;
    else if (strcmp(mode, "wild") == 0)
        printf("%d\n", *(volatile int *)0x50000000);
    else if (strcmp(mode, "ud") == 0)
        __asm__ volatile("ud2");
    else if (strcmp(mode, "gp") == 0)
        __asm__ volatile("cli");
    else if (strcmp(mode, "x87") == 0)
        x87_divide_by_zero();
    else if (strcmp(mode, "regs") == 0) {
        struct rng r;
        rng_init(&r, arg_uint(argc, argv, "seed", 1));
        uint32_t v[6];
        for (int i = 0; i < 6; i++)
            v[i] = rng_next(&r);
        crash_with(v);
    }
    printf("still alive after %s: the kernel missed the fault\n", mode);
    return 2;
}
