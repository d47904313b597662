/*
 * sclient.c (lab 4 helper for portstress.c): n= calls to a server that
 * answers f(x) = 3x + k: even calls are port_requests through port a=,
 * odd ones posts through port b= with the number of a private reply port
 * (granted to the server, spid=), whose answer it then receives there.
 * x is drawn from seed=. Exit status 0 if every answer was right.
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int a = (int)arg_uint(argc, argv, "a", 0);
    int b = (int)arg_uint(argc, argv, "b", 0);
    uint32_t k = arg_uint(argc, argv, "k", 0);
    int n = (int)arg_uint(argc, argv, "n", 10);
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    int reply = sys_port_create(0);
    sys_port_grant(reply, (int)arg_uint(argc, argv, "spid", 1));
    int wrong = 0;
    for (int i = 0; i < n; i++) {
        uint32_t x = rng_below(&rng, 100000);
        struct msg m = { .code = 1 + i % 2, .w = { x, k, (uint32_t)reply } };
        int r;
        if (i % 2 == 0)
            r = sys_port_request(a, &m, TIMEOUT_NEVER);
        else if ((r = sys_port_post(b, &m, TIMEOUT_NEVER)) == 0)
            r = sys_port_receive(reply, &m, 500) == reply ? 0 : -1;
        wrong += r != 0 || m.w[0] != 3 * x + k;
    }
    return wrong ? 1 : 0;
}
