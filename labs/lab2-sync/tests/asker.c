/*
 * asker.c (lab 2 helper): after 'delay=' ticks, request once from the
 * parent (pid 1) and print the answer.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    sys_sleep((int)arg_uint(argc, argv, "delay", 0));
    struct msg m = { .code = 1, .w = { 6 } };
    int r = sys_request(1, &m, TIMEOUT_NEVER);
    printf("asker: request %s, answer %u\n", r == 0 ? "ok" : errno_name(r),
           m.w[0]);
    return 0;
}
