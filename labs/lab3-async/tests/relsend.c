/*
 * relsend.c (lab 3 test): rel_send, rule by rule. It moves a file drawn
 * from the seed (300 data messages) to relpeer, a scripted receiver that
 * pretends to lose messages, withholds message 0 for a while, naps
 * halfway, and watches how rel_send sends (see relpeer.c): within the
 * window, within the box, and only what was not acknowledged. Then
 * rel_send's own account: it must have waited for an answer with a real
 * timeout at least once (the nap). oracle.py checks the file relpeer
 * got. Lab 3 tests.
 */
#include "relwire.h"

#define LEN (300 * REL_PAYLOAD)

static uint32_t file[LEN / 4];

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    struct rng r;
    rng_init(&r, seed);
    for (uint32_t i = 0; i < LEN / 4; i++)
        file[i] = rng_next(&r);
    int peer = spawnf("relpeer", "src=%d len=%d seed=%u", sys_getpid(), LEN,
                      seed);
    struct rel_stats st;
    int e = rel_send(peer, file, LEN, &st);
    printf("rel_send: %s\n", result_name(e));
    printf("%u packets, %u datagrams, %u retransmitted, %u rounds, "
           "%u stalls, %u timeouts\n", st.packets, st.sent,
           st.retransmits, st.rounds, st.stalls, st.timeouts);
    printf("waited for an answer while the receiver slept: %s\n",
           st.timeouts > 0 ? "yes" : "no");
    sys_wait(peer, 0);
    struct msg m;
    while (sys_receive(ANY, &m, TIMEOUT_POLL) > 0)
        ;                               /* late acknowledgements */
    return 0;
}
