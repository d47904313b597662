/*
 * port_peer.c (lab 4 benchmark helper): the other side of bench_ports.
 *   mode=server k=K: makes K open ports (K = 0: one port, no set; else a
 *     set of K ports), posts their numbers to its parent 14 to a message
 *     (lab 3's post), and answers requests on the port or set with
 *     port_respond_receive until one with code 0.
 *   mode=pid: answers lab 2 requests with respond_receive until code 0.
 *   mode=consume mbox=M n=N: opens mailbox M, tells its parent (a post,
 *     code 7), receives N messages, tells its parent again.
 *   mode=subscribe mbox=M rounds=R burst=B: subscribes to mailbox M and
 *     tells its parent; then R times, receives B copies (a MSG_LOST
 *     report counts for the copies it stands for) and tells its parent.
 */
#include "kit.h"
#include "ports.h"

static void serve_ports(int k, int parent)
{
    int ports[64], n = k ? k : 1;
    int where = k ? sys_port_create(PORT_SET) : 0;
    for (int i = 0; i < n && i < 64; i++) {
        ports[i] = sys_port_create(PORT_OPEN);
        if (k)
            sys_port_join(ports[i], where);
    }
    if (!k)
        where = ports[0];
    for (int i = 0; i < n; i += MSG_WORDS) {
        struct msg m = { .code = i };
        for (int j = 0; j < MSG_WORDS && i + j < n; j++)
            m.w[j] = (uint32_t)ports[i + j];
        sys_post(parent, &m, TIMEOUT_NEVER);
    }
    struct msg m;
    int r = sys_port_receive(where, &m, TIMEOUT_NEVER);
    while (r > 0 && m.code != 0)
        r = sys_port_respond_receive(m.sender, &m, where, TIMEOUT_NEVER);
    if (r > 0)
        sys_respond(m.sender, &m);
}

/* Tell the parent (a post: unlike a notification, it outlives us). */
static void tell(int parent)
{
    struct msg m = { .code = 7 };
    sys_post(parent, &m, TIMEOUT_NEVER);
}

static void serve_pids(void)
{
    struct msg m;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    while (from > 0 && m.code != 0)
        from = sys_respond_receive(from, &m, ANY, TIMEOUT_NEVER);
    if (from > 0)
        sys_respond(from, &m);
}

int main(int argc, char **argv)
{
    const char *mode = arg_get(argc, argv, "mode");
    int mbox = (int)arg_uint(argc, argv, "mbox", 0);
    int parent = (int)arg_uint(argc, argv, "parent", 1);
    struct msg m;
    if (!mode || strcmp(mode, "server") == 0) {
        serve_ports((int)arg_uint(argc, argv, "k", 0), parent);
    } else if (strcmp(mode, "pid") == 0) {
        serve_pids();
    } else if (strcmp(mode, "consume") == 0) {
        uint32_t n = arg_uint(argc, argv, "n", 1);
        sys_mbox_open(mbox, MBOX_RECV);
        tell(parent);                           /* ready */
        for (uint32_t i = 0; i < n; i++)
            sys_mbox_receive(mbox, &m, TIMEOUT_NEVER);
        tell(parent);
    } else {
        uint32_t rounds = arg_uint(argc, argv, "rounds", 1);
        uint32_t burst = arg_uint(argc, argv, "burst", 1);
        sys_mbox_open(mbox, MBOX_RECV);
        tell(parent);                           /* subscribed */
        for (uint32_t r = 0; r < rounds; r++) {
            for (uint32_t got = 0; got < burst;) {
                if (sys_mbox_receive(mbox, &m, TIMEOUT_NEVER) < 0)
                    return 1;
                got += m.code == MSG_LOST ? m.w[0] : 1;
            }
            tell(parent);
        }
    }
    return 0;
}
