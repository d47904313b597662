/*
 * busy.c (lab 1 helper): compute forever, reporting progress every few
 * million steps; the only system call is the report.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    const char *id = arg_get(argc, argv, "id");
    volatile uint32_t x = 0;
    for (int round = 1;; round++) {
        for (uint32_t i = 0; i < 400000; i++)
            x += i;
        printf("busy %s round %d\n", id ? id : "?", round);
    }
}
