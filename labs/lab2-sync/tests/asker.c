/*
 * asker.c (lab 2 helper): after 'delay=' ticks, request once from 'to='
 * (default pid 1, the test) with 'answer=' (default 6) in w[0], and print
 * the answer.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    sys_sleep((int)arg_uint(argc, argv, "delay", 0));
    struct msg m = { .code = 1, .w = { arg_uint(argc, argv, "answer", 6) } };
    int r = sys_request((int)arg_uint(argc, argv, "to", 1), &m, TIMEOUT_NEVER);
    printf("asker: request %s, answer %u\n", r == 0 ? "ok" : errno_name(r),
           m.w[0]);
    return 0;
}
