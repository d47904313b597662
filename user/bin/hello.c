/*
 * hello.c: the smallest user program: proof that the kernel reached ring 3
 * and the write system call works. `make qemu` runs it. Provided.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    printf("hello, world from user mode: pid %d, %d argument(s), stage %d\n",
           sys_getpid(), argc, sys_kinfo(KINFO_STAGE));
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    return 0;
}
