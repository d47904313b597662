/*
 * rrserver.c (lab 2 helper): take one request from anyone, answer it
 * with w[0] + 100 through respond_receive, whose receive half then waits
 * for 'from=' only (to be killed there).
 */
#include "kit.h"

int main(int argc, char **argv)
{
    struct msg m;
    int client = sys_receive(ANY, &m, TIMEOUT_NEVER);
    m.w[0] += 100;
    int r = sys_respond_receive(client, &m,
                                (int)arg_uint(argc, argv, "from", 1),
                                TIMEOUT_NEVER);
    printf("rrserver: respond_receive returned %s\n",
           r < 0 ? errno_name(r) : "a message");
    return 0;
}
