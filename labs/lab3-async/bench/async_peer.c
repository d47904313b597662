/*
 * async_peer.c (lab 3 benchmark helper): the other side of bench_async.
 *   mode=sink: receive n= messages from anyone.
 *   mode=burst: rounds of: wait for the first message of a burst from
 *     the parent, take the other k-1 from the box, post one ack; until
 *     a message with code 0.
 *   mode=server: arpc_serve, answering each call (code 0 stops it).
 *   mode=rel: rel_recv len= bytes from the parent, then print what the
 *     receiving side saw as figure lines, named after loss=.
 */
#include "kit.h"
#include "async.h"

static uint8_t buf[65536];

static int answer(struct msg *m)
{
    return m->code == 0 ? ARPC_STOP : ARPC_REPLY;
}

int main(int argc, char **argv)
{
    const char *mode = arg_get(argc, argv, "mode");
    int n = (int)arg_uint(argc, argv, "n", 1);
    struct msg m;
    if (!mode)
        return 1;
    if (strcmp(mode, "sink") == 0) {
        for (int i = 0; i < n; i++)
            sys_receive(ANY, &m, TIMEOUT_NEVER);
    } else if (strcmp(mode, "burst") == 0) {
        int parent = 0, k = (int)arg_uint(argc, argv, "k", 8);
        for (;;) {
            parent = sys_receive(ANY, &m, TIMEOUT_NEVER);
            if (parent < 0 || m.code == 0)
                break;
            for (int i = 1; i < k; i++)
                sys_receive(parent, &m, TIMEOUT_NEVER);
            sys_post(parent, &m, TIMEOUT_NEVER);
        }
    } else if (strcmp(mode, "server") == 0) {
        arpc_serve(answer);
    } else if (strcmp(mode, "rel") == 0) {
        uint32_t len = arg_uint(argc, argv, "len", sizeof(buf));
        uint32_t loss = arg_uint(argc, argv, "loss", 0);
        int parent = (int)arg_uint(argc, argv, "src", 1);
        struct rel_stats st;
        rel_recv(parent, buf, len > sizeof(buf) ? sizeof(buf) : len, &st);
        sys_yield();    /* the parent takes REL_DONE, stops its clock */
        printf("figure repaired_data_loss%u %u data messages repaired, "
               "%u%% of each fault\n", loss, st.repaired, loss);
        printf("figure duplicates_loss%u %u duplicate data messages "
               "ignored, %u%% of each fault\n", loss, st.dups, loss);
    }
    return 0;
}
