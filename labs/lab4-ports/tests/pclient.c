/*
 * pclient.c (lab 4 helper): n= calls to the server on port server= (pid
 * spid=): each posts x (drawn from seed=) with the number of its own
 * private reply port, which only the server may send to, and receives
 * the answer there. Exit status 0 if every answer came and was x*x + 1.
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int server = (int)arg_uint(argc, argv, "server", 0);
    int n = (int)arg_uint(argc, argv, "n", 10);
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    int reply = sys_port_create(0);
    if (sys_port_grant(reply, (int)arg_uint(argc, argv, "spid", 0)) < 0)
        return 2;
    int wrong = 0;
    for (int i = 0; i < n; i++) {
        uint32_t x = rng_below(&rng, 1000);
        struct msg m = { .code = 1, .w = { x, (uint32_t)reply } };
        if (sys_port_post(server, &m, TIMEOUT_NEVER) < 0 ||
            sys_port_receive(reply, &m, 100) != reply ||
            m.w[0] != x * x + 1)
            wrong++;
    }
    return wrong ? 1 : 0;
}
