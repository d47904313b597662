/*
 * orphaner.c (lab 1 helper): start a child and exit without waiting for
 * it; the kernel must clean up the orphan when it ends.
 */
#include "kit.h"

int main(void)
{
    spawn_or_die("spin", "n=2 gap=2");
    return 0;
}
