/*
 * arpc.c: request/respond built from asynchronous parts, beside the
 * kernel's rendezvous (request/respond of lab 2). A call posts the
 * request and then receives from the server only, so other messages to
 * the client stay queued; each call carries an id in its last word, so a
 * late reply to an earlier call that timed out is recognised and thrown
 * away. A server posts replies without waiting: a client that lets its
 * box fill up loses its reply, not the server its time. Lab 3.
 */
#include "kit.h"
#include "async.h"

/*
 * arpc_call(server, m, timeout): post *m to server as a request, then
 * receive from the server only until the reply with this call's id comes
 * (it overwrites *m). The timeout (ticks, or TIMEOUT_NEVER) covers both.
 * Blocks. Returns 0, or post's and receive's errors (async.h).
 */
int arpc_call(int server, struct msg *m, int timeout)
{
#ifdef SOL_LAB3
    static uint32_t last_id;
    uint32_t id = ++last_id;
    uint32_t deadline = timeout > 0 ? (uint32_t)sys_uptime() + (uint32_t)timeout
                                    : 0;
    m->w[ARPC_ID_WORD] = id;
    int r = sys_post(server, m, timeout);
    if (r < 0)
        return r;
    for (;;) {
        int left = timeout;
        if (timeout > 0) {
            left = (int)(deadline - (uint32_t)sys_uptime());
            if (left <= 0)
                return -ETIMEDOUT;
        }
        struct msg reply;
        r = sys_receive(server, &reply, left);
        if (r < 0)
            return r;
        if (reply.code != MSG_NOTIFY && reply.w[ARPC_ID_WORD] == id) {
            *m = reply;
            return 0;
        }
    }
#else
    /* LAB 3: your code here. */
    (void)server; (void)m; (void)timeout;
    return -ENOSYS;
#endif
}

/*
 * arpc_serve(handler): receive requests from anyone; the handler turns
 * each into its reply (ARPC_REPLY), swallows it (ARPC_NOREPLY) or stops
 * the loop after replying (ARPC_STOP). Replies are posted without
 * waiting. Blocks. Returns the requests answered, or -EINTR.
 */
int arpc_serve(int (*handler)(struct msg *m))
{
#ifdef SOL_LAB3
    int served = 0;
    for (;;) {
        struct msg m;
        int client = sys_receive(ANY, &m, TIMEOUT_NEVER);
        if (client < 0)
            return client;
        uint32_t id = m.w[ARPC_ID_WORD];
        int what = handler(&m);
        if (what == ARPC_NOREPLY)
            continue;
        served++;
        m.w[ARPC_ID_WORD] = id;
        sys_post(client, &m, TIMEOUT_POLL);
        if (what == ARPC_STOP)
            return served;
    }
#else
    /* LAB 3: your code here. */
    (void)handler;
    return -ENOSYS;
#endif
}
