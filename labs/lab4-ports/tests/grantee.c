/*
 * grantee.c (lab 4 helper for grants.c): tries n= times to get a message
 * through port= while its owner grants and revokes: even tries are sends
 * (timeout 3 ticks), odd ones posts (poll), each with code 100 + k= and
 * w[0] = the try's number, with a pause drawn from seed= between tries.
 * A last try, number n, is a send that waits as long as it takes, made
 * once the parent has opened the port for good and notified us (made
 * earlier, while we may not send, it would be refused at once). Then it
 * prints one letter a try (o ok, A EACCES, T ETIMEDOUT, E EAGAIN, I EIDRM,
 * N ENOBUFS, ? anything else), notifies its parent and waits for the
 * parent's second notification before it exits.
 */
#include "lab4test.h"

static char letter(int r)
{
    switch (r) {
    case 0: return 'o';
    case -EACCES: return 'A';
    case -ETIMEDOUT: return 'T';
    case -EAGAIN: return 'E';
    case -EIDRM: return 'I';
    case -ENOBUFS: return 'N';
    default: return '?';
    }
}

int main(int argc, char **argv)
{
    int port = (int)arg_uint(argc, argv, "port", 0);
    int k = (int)arg_uint(argc, argv, "k", 0);
    int n = (int)arg_uint(argc, argv, "n", 24);
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    char results[64];
    for (int i = 0; i < n && i < 62; i++) {
        struct msg m = { .code = 100 + k, .w = { (uint32_t)i } };
        int r = i % 2 == 0 ? sys_port_send(port, &m, 3)
                           : sys_port_post(port, &m, TIMEOUT_POLL);
        results[i] = letter(r);
        sys_sleep((int)rng_below(&rng, 3));
    }
    if (n > 62)
        n = 62;
    int parent = (int)arg_uint(argc, argv, "parent", 1);
    struct msg m;
    sys_receive(parent, &m, TIMEOUT_NEVER);     /* the port is open */
    struct msg last = { .code = 100 + k, .w = { (uint32_t)n } };
    results[n] = letter(sys_port_send(port, &last, TIMEOUT_NEVER));
    results[n + 1] = 0;
    printf("grantee %d: %s\n", k, results);
    sys_notify(parent);
    sys_receive(parent, &m, TIMEOUT_NEVER);
    return 0;
}
