/*
 * crt0.c: where every user program starts. The kernel lays out argc and
 * argv on the stack as for a call _start(argc, argv). Provided.
 */
#include "kit.h"

/* Every program defines main, as main(void) or main(argc, argv);
 * returning from it is exit(). */
int main(int argc, char **argv);

void _start(int argc, char **argv) __attribute__((noreturn));

void _start(int argc, char **argv)
{
    sys_exit(main(argc, argv));
    for (;;)
        ;
}
