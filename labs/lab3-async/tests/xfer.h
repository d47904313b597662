/*
 * xfer.h: the file-transfer test that xfer0.c, xfer10.c and xfer30.c run
 * (the fault rates come from the kernel command line, set per test in
 * tests.toml). We make a 64 KiB file from the seed, move it with
 * rel_send to xferrecv, which receives it with rel_recv and posts back
 * the FNV-1a checksum of what it got; oracle.py computes the checksum
 * the file must have. Meanwhile a third process (noise.c) posts both
 * sides messages in the protocol's format that they must not take for
 * their partner's. Lab 3 tests.
 */
#ifndef XFER_H
#define XFER_H

#include "lab3test.h"
#include "async.h"

#define XFER_BYTES  65536
#define XFER_RESULT 0x58524553      /* xferrecv's answer: w[0] checksum,
                                       w[1] bytes received */

static uint32_t xfer_file[XFER_BYTES / 4];

static int xfer_main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    for (uint32_t i = 0; i < XFER_BYTES / 4; i++)
        xfer_file[i] = rng_next(&r);
    int rx = spawnf("xferrecv", "src=%d len=%d", sys_getpid(), XFER_BYTES);
    int noise = spawnf("noise", "rx=%d tx=%d", rx, sys_getpid());
    struct rel_stats st;
    uint64_t t0 = rdtsc();
    int e = rel_send(rx, xfer_file, XFER_BYTES, &st);
    uint64_t spent = rdtsc() - t0;
    printf("rel_send: %s\n", result_name(e));
    struct msg m;
    int from;
    while ((from = sys_receive(rx, &m, 1000)) > 0 && m.code != XFER_RESULT)
        ;                               /* late acknowledgements */
    if (from < 0)
        printf("no answer from the receiver: %s\n", errno_name(from));
    else
        printf("receiver got %u bytes, fnv1a %08x\n", m.w[1], m.w[0]);
    printf("%u packets, %u datagrams, %u retransmitted, %u rounds, "
           "%u stalls, %u timeouts, %u acks repaired, %u bad acks, "
           "%u kilo-cycles\n", st.packets, st.sent, st.retransmits,
           st.rounds, st.stalls, st.timeouts, st.repaired, st.bad,
           (uint32_t)(spent / 1000));
    sys_wait(rx, 0);
    sys_wait(noise, 0);
    return 0;
}

#endif /* XFER_H */
