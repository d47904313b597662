/*
 * spin.c (lab 1 helper): keep running and say so, 'n=' times, sleeping
 * 'gap=' ticks in between, then exit 0. Shows that a crash elsewhere did
 * not stop everyone.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    int n = (int)arg_uint(argc, argv, "n", 5);
    int gap = (int)arg_uint(argc, argv, "gap", 2);
    for (int i = 1; i <= n; i++) {
        printf("alive %d of %d\n", i, n);
        sys_sleep(gap);
    }
    return 0;
}
