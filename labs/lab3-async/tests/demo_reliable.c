/*
 * demo_reliable.c (lab 3 demo, for the handout's figure): a 220-byte
 * transfer (five data messages) with rel_send to xferrecv, over the
 * best-effort channel (the figure boots it with faults on): the chart
 * shows the protocol losing data, throwing duplicates away and sending
 * again. tools/trace.py --figure reliable-transfer draws it.
 */
#include "xfer.h"

static uint8_t data[5 * REL_PAYLOAD];

int main(void)
{
    for (uint32_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7);
    int rx = spawnf("xferrecv", "src=%d len=%d", sys_getpid(),
                    (int)sizeof(data));
    struct rel_stats st;
    int e = rel_send(rx, data, sizeof(data), &st);
    struct msg m;
    sys_receive(rx, &m, TIMEOUT_NEVER);          /* its checksum */
    printf("rel_send: %s, %u data messages, %u sent again; receiver's "
           "checksum %s\n", result_name(e), st.packets, st.retransmits,
           m.w[0] == fnv1a(FNV_INIT, data, sizeof(data)) ? "right" : "wrong");
    sys_wait(rx, 0);
    (void)xfer_main;
    return 0;
}
