/*
 * fpu.c: turning on the x87 and SSE units for user code, and the state a
 * new process starts with. Hardware glue; provided.
 *
 * After a reset, CR4.OSFXSR is clear, so every SSE instruction is an
 * invalid opcode; the kernel sets it (and OSXMMEXCPT, so that an unmasked
 * SIMD error is trap 19 rather than trap 6) to promise the CPU that it
 * saves the SSE registers with fxsave. In CR0 it clears EM (no x87
 * emulation) and TS (no trap on the first x87 instruction after a switch:
 * the kernel saves eagerly, see sched.c), and sets MP and NE (x87 errors
 * are trap 16, in the process that caused them, not an interrupt).
 */
#include "kernel.h"
#include "fpu.h"
#include "x86.h"

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_NE (1u << 5)
#define CR4_OSFXSR     (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)

#define CPUID_FXSR (1u << 24)           /* cpuid(1).edx */
#define CPUID_SSE  (1u << 25)

/* Offsets in the fxsave image. */
#define FX_FCW   0
#define FX_MXCSR 24

static uint32_t cpuid_features(void)
{
    uint32_t a = 1, b, c, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    return d;
}

void fpu_init(void)
{
    uint32_t need = CPUID_FXSR | CPUID_SSE;
    if ((cpuid_features() & need) != need)
        panic("this kernel needs a CPU with fxsave and SSE");
    write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
}

void fpu_state_init(struct fpu_state *s)
{
    uint16_t fcw = 0x037F;
    uint32_t mxcsr = 0x1F80;
    memset(s, 0, sizeof(*s));
    memcpy(s->bytes + FX_FCW, &fcw, sizeof(fcw));
    memcpy(s->bytes + FX_MXCSR, &mxcsr, sizeof(mxcsr));
}
