/*
 * fpuwork.c (lab 1 helper): load x87 and SSE values drawn from 'seed=',
 * hold them while the timer preempts us (at least one tick passes with
 * the values in the registers) and while we yield, read them back, and
 * count the rounds in which they changed. Prints whether it started with
 * a clean state and what it read back in the last round. Started by
 * fpu.c, several at once.
 */
#include "kit.h"
#include "fpuregs.h"

/* Integer work only: it must not touch the registers under test. */
static void spin(uint32_t n)
{
    volatile uint32_t x = 0;
    for (uint32_t i = 0; i < n; i++)
        x += i;
}

int main(int argc, char **argv)
{
    int id = (int)arg_uint(argc, argv, "id", 0);
    int rounds = (int)arg_uint(argc, argv, "rounds", 3);
    struct fpu_values want, got;
    fpu_values_draw(&want, arg_uint(argc, argv, "seed", 1));
    printf("worker %d: fresh state: %s\n", id,
           fpu_fresh() ? "clean" : "not clean");
    int wrong = 0, held = 0;
    for (int r = 0; r < rounds; r++) {
        fpu_values_load(&want);
        int start = sys_uptime();
        while (sys_uptime() < start + 2)
            spin(5000);
        sys_yield();
        held += sys_uptime() >= start + 2;
        fpu_values_store(&got);
        wrong += memcmp(&want, &got, sizeof(got)) != 0;
    }
    printf("worker %d: fcw 0x%04x mxcsr 0x%08x\n", id, got.fcw, got.mxcsr);
    printf("worker %d: x87 %d %d %d %d\n", id, got.x87[0], got.x87[1],
           got.x87[2], got.x87[3]);
    for (int h = 0; h < 8; h += 2) {
        char line[120];
        int n = fmt_snprintf(line, sizeof(line), "worker %d: xmm%d-%d", id,
                             h, h + 1);
        for (int i = h; i < h + 2; i++)
            for (int j = 0; j < 4; j++)
                n += fmt_snprintf(line + n, sizeof(line) - (size_t)n,
                                  " %08x", got.xmm[i][j]);
        printf("%s\n", line);
    }
    printf("worker %d: %d rounds held across a tick, %d changed\n", id, held,
           wrong);
    return 0;
}
