/*
 * hammer.c (lab 2 helper): 'n=' requests to 'server=' as fast as
 * possible, checking each answer (x * x + k) and the sender stamp.
 * Exit status 0 only if every answer was right.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    int server = (int)arg_uint(argc, argv, "server", 0);
    uint32_t k = arg_uint(argc, argv, "k", 0);
    uint32_t n = arg_uint(argc, argv, "n", 1000);
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    uint32_t wrong = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = rng_below(&r, 50000);
        struct msg m = { .code = 1, .w = { x, k } };
        int e = sys_request(server, &m, TIMEOUT_NEVER);
        if (e < 0 || m.w[0] != x * x + k || m.sender != server)
            wrong++;
    }
    if (wrong)
        printf("client %u: %u wrong answers of %u\n", k, wrong, n);
    return wrong ? 1 : 0;
}
