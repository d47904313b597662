/*
 * relay.c (lab 2 helper): send one message to 'to=' (default pid 1, the
 * test's first process), then receive one message from anyone.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    int to = (int)arg_uint(argc, argv, "to", 1);
    struct msg m = { .code = 4 };
    sys_send(to, &m, TIMEOUT_NEVER);
    int r = sys_receive(ANY, &m, TIMEOUT_NEVER);
    return r > 0 ? 0 : 1;
}
