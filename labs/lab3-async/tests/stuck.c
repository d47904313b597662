/*
 * stuck.c (lab 3 helper): a client that never receives: it posts n=
 * requests (code 1) to server= as arpc_call would, each with its own id,
 * then sleeps until it is killed, its box filling with the replies.
 */
#include "lab3test.h"
#include "async.h"

int main(int argc, char **argv)
{
    int server = (int)arg_uint(argc, argv, "server", 0);
    uint32_t n = arg_uint(argc, argv, "n", 9);
    for (uint32_t i = 0; i < n; i++) {
        struct msg m = { .code = 1, .w = { i } };
        m.w[ARPC_ID_WORD] = 1000 + i;
        sys_post(server, &m, TIMEOUT_NEVER);
    }
    sys_sleep(100000);
    return 0;
}
