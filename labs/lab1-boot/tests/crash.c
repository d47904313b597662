/*
 * crash.c (lab 1 helper): fault on purpose, in the way 'mode=' says:
 * div (divide by zero), null (read address 0), kernel (write a kernel
 * page), wild (read an unmapped user address), ud (invalid opcode),
 * gp (a privileged instruction).
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
    printf("still alive after %s: the kernel missed the fault\n", mode);
    return 2;
}
