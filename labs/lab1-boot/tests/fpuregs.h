/*
 * fpuregs.h: what the fpu test's programs share: a set of x87 and SSE
 * register values drawn from a seed, loading it into the registers,
 * reading the registers back, and the state a new process must start
 * with. Lab 1 tests.
 *
 * The programs are built like every other (-mgeneral-regs-only), so the
 * compiler never uses these registers itself: what the asm below loads
 * stays there, across any C code and any system call, unless the kernel
 * loses it.
 */
#ifndef FPUREGS_H
#define FPUREGS_H

#include "kit.h"

struct fpu_values {
    uint32_t fcw;               /* x87 control word (16 bits) */
    uint32_t mxcsr;
    int32_t x87[4];             /* st3..st0: integers, loaded exactly */
    uint32_t xmm[8][4];         /* xmm0..xmm7 */
};

/* The values of a seed, in the order the grader's oracle draws them:
 * two rounding modes (x87, SSE), four x87 values, 32 SSE words. */
static inline void fpu_values_draw(struct fpu_values *v, uint32_t seed)
{
    struct rng r;
    rng_init(&r, seed);
    v->fcw = 0x037F | (rng_below(&r, 4) << 10);
    v->mxcsr = 0x1F80 | (rng_below(&r, 4) << 13);
    for (int i = 0; i < 4; i++)
        v->x87[i] = (int32_t)rng_next(&r);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            v->xmm[i][j] = rng_next(&r);
}

/* Load v into the registers: an empty x87 stack with x87[0] pushed first,
 * the two control registers, xmm0..xmm7. */
static inline void fpu_values_load(const struct fpu_values *v)
{
    uint16_t fcw = (uint16_t)v->fcw;
    __asm__ volatile("fninit\n\t"
                     "fldcw %0\n\t"
                     "ldmxcsr %1\n\t"
                     "fildl 0(%2)\n\t"
                     "fildl 4(%2)\n\t"
                     "fildl 8(%2)\n\t"
                     "fildl 12(%2)\n\t"
                     "movups 0(%3), %%xmm0\n\t"
                     "movups 16(%3), %%xmm1\n\t"
                     "movups 32(%3), %%xmm2\n\t"
                     "movups 48(%3), %%xmm3\n\t"
                     "movups 64(%3), %%xmm4\n\t"
                     "movups 80(%3), %%xmm5\n\t"
                     "movups 96(%3), %%xmm6\n\t"
                     "movups 112(%3), %%xmm7"
                     : : "m"(fcw), "m"(v->mxcsr), "r"(v->x87), "r"(v->xmm)
                     : "memory");
}

/* Read the registers back into v (this pops the four x87 values). */
static inline void fpu_values_store(struct fpu_values *v)
{
    uint16_t fcw;
    __asm__ volatile("fnstcw %0\n\t"
                     "stmxcsr %1\n\t"
                     "fistpl 12(%2)\n\t"
                     "fistpl 8(%2)\n\t"
                     "fistpl 4(%2)\n\t"
                     "fistpl 0(%2)\n\t"
                     "movups %%xmm0, 0(%3)\n\t"
                     "movups %%xmm1, 16(%3)\n\t"
                     "movups %%xmm2, 32(%3)\n\t"
                     "movups %%xmm3, 48(%3)\n\t"
                     "movups %%xmm4, 64(%3)\n\t"
                     "movups %%xmm5, 80(%3)\n\t"
                     "movups %%xmm6, 96(%3)\n\t"
                     "movups %%xmm7, 112(%3)"
                     : "=m"(fcw), "=m"(v->mxcsr)
                     : "r"(v->x87), "r"(v->xmm)
                     : "memory");
    v->fcw = fcw;
}

/* Does the process start with the state the kernel promises (every
 * register zero, control word 0x037F, MXCSR 0x1F80, empty x87 stack)?
 * Read with fxsave, which user code may use too. */
static inline int fpu_fresh(void)
{
    static uint8_t img[512] __attribute__((aligned(16)));
    __asm__ volatile("fxsave %0" : "=m"(img));
    uint16_t fcw = (uint16_t)(img[0] | img[1] << 8);
    uint32_t mxcsr = img[24] | img[25] << 8 | img[26] << 16 |
                     (uint32_t)img[27] << 24;
    int zero = 1;
    for (int i = 32; i < 288; i++)      /* st0..st7, xmm0..xmm7 */
        zero &= img[i] == 0;
    /* fsw (2, 3) and the abridged tag word (4): all zero when empty. */
    return fcw == 0x037F && mxcsr == 0x1F80 && img[2] == 0 && img[3] == 0 &&
           img[4] == 0 && zero;
}

#endif /* FPUREGS_H */
