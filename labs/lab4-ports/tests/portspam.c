/*
 * portspam.c (lab 4 test): spam and limits.
 *
 * A spammer posts to a server's port as fast as it can while three
 * clients call the server through the same port, each with a private
 * reply port: every call is answered, since the spammer can fill only
 * its quota of the port, and the kernel never holds more than that quota
 * plus one request and one reply per client (oracle.py checks the peak).
 * The same with a mailbox: a spammer and two producers, two consumers;
 * every producer's message arrives, in order, and the mailbox never holds
 * more than three senders' quotas.
 *
 * Then the sender's share: one process posts to two post boxes, three
 * ports, a mailbox and a broadcast mailbox in an order drawn from the
 * seed, and tops up through more ports until it is refused: it has at
 * most POST_SENDER_MAX (64) messages waiting in all of them together,
 * one counter (the oracle replays every call and checks the count of
 * each kind). Past its share every kind of call is refused with ENOBUFS
 * (a full quota still says EAGAIN first), a broadcast is all or nothing,
 * one message received gives one back, and another process still posts.
 *
 * Then the pool: 45 ports, flooded by seventeen senders, none over its
 * share, take it all (ENOBUFS, never a wait), a rendezvous still works
 * with no memory, a broadcast that does not fit reaches nobody, and it
 * all comes back when the ports' owners exit. Last, the limits on ports
 * and mailboxes per process and in the whole system.
 */
#include "lab4test.h"

#define CLIENTS 3
#define CALLS   100
#define SHARE   64              /* POST_SENDER_MAX (kernel/ipc/post.h) */
#define SHARE_TRIES 150
#define SHARE_PORTS 3
#define TOPUP_PORTS 8           /* and one more, never posted to */
#define SINKS   5
#define SINK_PORTS 9
#define FLOODERS 17
#define FLOOD_PORTS 10

static void port_spam(uint32_t seed)
{
    int server = spawnf("pserver", "parent=%d", sys_getpid());
    struct msg m;
    sys_receive(server, &m, TIMEOUT_NEVER);
    int port = (int)m.w[0];
    int spammer = spawnf("flooder", "port=%d code=2 timeout=0 n=2000000",
                         port);
    sys_yield();
    int pids[CLIENTS], good = 0;
    for (int k = 0; k < CLIENTS; k++)
        pids[k] = spawnf("pclient", "server=%d spid=%d n=%d seed=%u", port,
                         server, CALLS, seed * 7 + (uint32_t)k);
    for (int k = 0; k < CLIENTS; k++) {
        int status = -1;
        sys_wait(pids[k], &status);
        good += status == 0;
    }
    sys_notify(spammer);
    sys_wait(spammer, 0);
    m.code = 0;
    int r = sys_port_request(port, &m, TIMEOUT_NEVER);
    sys_wait(server, 0);
    printf("clients served: %d of %d\n", good, CLIENTS);
    printf("requests answered: %u of %d (%s)\n", r == 0 ? m.w[0] : 0,
           CLIENTS * CALLS, result_name(r));
    printf("spam the server took: %s\n", m.w[1] > 0 ? "some" : "none");
    printf("peak kernel messages during the port spam: %d\n",
           sys_kinfo(KINFO_MSGS_PEAK));
}

static void mailbox_spam(void)
{
    int box = sys_mbox_create(MBOX_SEND);
    int cons[2], prod[2];
    for (int i = 0; i < 2; i++)
        cons[i] = spawnf("mconsumer", "mbox=%d parent=%d", box,
                         sys_getpid());
    int spammer = spawnf("flooder", "mbox=%d code=5 timeout=0 n=2000000",
                         box);
    sys_yield();
    for (int i = 0; i < 2; i++)
        prod[i] = spawnf("flooder", "mbox=%d code=%d n=100 quiet=1", box,
                         3 + i);
    int most = 0;
    for (int i = 0; i < 2; i++)
        while (sys_wait(prod[i], 0) != prod[i]) {
            int h = held();
            most = h > most ? h : most;
            sys_sleep(1);
        }
    for (int t = 0; t < 20; t++) {      /* the spam goes on a little */
        int h = held();
        most = h > most ? h : most;
        sys_sleep(1);
    }
    sys_notify(spammer);
    sys_wait(spammer, 0);
    struct msg stop = { .code = 9 };
    for (int i = 0; i < 2; i++)
        sys_mbox_send(box, &stop, 0, TIMEOUT_NEVER);
    uint32_t got[2] = { 0, 0 }, in_order = 1;
    for (int i = 0; i < 2; i++) {
        struct msg report;
        sys_receive(ANY, &report, TIMEOUT_NEVER);
        got[0] += report.w[0];
        got[1] += report.w[1];
        in_order &= report.w[2];
    }
    for (int i = 0; i < 2; i++)
        sys_wait(cons[i], 0);
    printf("producers' messages received: %u and %u of 100, in order: %s\n",
           got[0], got[1], in_order ? "yes" : "no");
    printf("most kernel messages seen during the mailbox spam: %d\n", most);
    sys_mbox_destroy(box);
}

/* One seeded call of share(): a poll to one of the targets (0, 1: a box;
 * 2..4: a port; 5: the FIFO mailbox; 6: the broadcast mailbox). Their
 * quotas add up to 56, less than the share: these calls alone never
 * meet ENOBUFS. */
static int share_call(uint32_t t, const int *sinks, const int *ports,
                      int box, int cast, uint32_t word)
{
    struct msg m = { .code = 6, .w = { word } };
    if (t < 2)
        return sys_post(sinks[t], &m, TIMEOUT_POLL);
    if (t < 2 + SHARE_PORTS)
        return sys_port_post(ports[t - 2], &m, TIMEOUT_POLL);
    return sys_mbox_send(t == 5 ? box : cast, &m, 0, TIMEOUT_POLL);
}

static int new_port(int owner)
{
    return agent_cmd(owner, AG_NOW, SYS_port_create, PORT_OPEN, 0, 0, 0, 0,
                     0, 0);
}

/* Posts to post boxes, ports and mailboxes share one count: the caller's
 * share of the pool. */
static void share(uint32_t seed)
{
    int sinks[3], own[3], ports[SHARE_PORTS], more[TOPUP_PORTS + 1];
    for (int i = 0; i < 3; i++) {
        sinks[i] = spawnf("lazyrecv", "tag=S delay=100000");
        own[i] = spawn_or_die("agent", 0);
    }
    for (int i = 0; i < SHARE_PORTS; i++)
        ports[i] = new_port(own[i % 2]);
    for (int i = 0; i <= TOPUP_PORTS; i++)
        more[i] = new_port(own[2]);
    int box = sys_mbox_create(MBOX_SEND), fresh = sys_mbox_create(MBOX_SEND);
    int cast = sys_mbox_create(MBOX_SEND | MBOX_BROADCAST);
    int cast2 = sys_mbox_create(MBOX_SEND | MBOX_BROADCAST);
    for (int i = 0; i < 2; i++) {
        ag_mbox_open(own[i], cast, MBOX_RECV);
        ag_mbox_open(own[1 + i], cast2, MBOX_RECV);
    }
    let_them_block();
    struct rng r;
    rng_init(&r, seed * 31 + 7);
    int ok[4] = { 0 }, again = 0, nobufs = 0, other = 0;
    for (uint32_t i = 1; i <= SHARE_TRIES; i++) {
        uint32_t t = rng_below(&r, 7);
        int res = share_call(t, sinks, ports, box, cast, i);
        ok[t < 2 ? 0 : t < 5 ? 1 : t - 3] += res == 0;
        again += res == -EAGAIN;
        nobufs += res == -ENOBUFS;
        other += res < 0 && res != -EAGAIN && res != -ENOBUFS;
    }
    printf("share: %d tries, accepted: boxes %d, ports %d, mailbox %d, "
           "broadcasts %d; EAGAIN %d, ENOBUFS %d, other %d; held %d\n",
           SHARE_TRIES, ok[0], ok[1], ok[2], ok[3], again, nobufs, other,
           held());
    int topped = 0, r2 = 0;
    for (int i = 0; i < TOPUP_PORTS * 8 && r2 == 0; i++) {
        struct msg m = { .code = 6 };
        if ((r2 = sys_port_post(more[i / 8], &m, TIMEOUT_POLL)) == 0)
            topped++;
    }
    printf("share: %d more through new ports, then %s; held %d of our %d\n",
           topped, result_name(r2), held(), SHARE);
    struct msg m = { .code = 6 };
    printf("share used up: a port where we have 8: %s\n",
           result_name(sys_port_post(more[0], &m, TIMEOUT_POLL)));
    printf("share used up: a new box: %s, a new port: %s, a new mailbox: "
           "%s\n", result_name(sys_post(sinks[2], &m, TIMEOUT_POLL)),
           result_name(sys_port_post(more[TOPUP_PORTS], &m, TIMEOUT_POLL)),
           result_name(sys_mbox_send(fresh, &m, 0, TIMEOUT_POLL)));
    printf("share used up: a broadcast to two new subscribers: %s, held %d\n",
           result_name(sys_mbox_send(cast2, &m, 0, TIMEOUT_POLL)), held());
    int got = agent_cmd(own[2], AG_NOW, SYS_port_receive, (uint32_t)more[0],
                        AG_BUF, (uint32_t)TIMEOUT_POLL, 0, 0, 0, 0);
    printf("one taken (%s): held %d; a broadcast needing two: %s, held %d\n",
           got == more[0] ? "ok" : result_name(got), held(),
           result_name(sys_mbox_send(cast2, &m, 0, TIMEOUT_POLL)), held());
    int a = sys_port_post(more[0], &m, TIMEOUT_POLL);
    int b = sys_port_post(more[TOPUP_PORTS], &m, TIMEOUT_POLL);
    printf("then a post: %s, the next (a new port): %s\n", result_name(a),
           result_name(b));
    printf("another process still posts: %s\n",
           result_name(ag_post(own[0], more[1], 6, 0, TIMEOUT_POLL)));
    for (int i = 0; i < 3; i++) {
        sys_kill(sinks[i]);
        sys_wait(sinks[i], 0);
        agent_stop(own[i]);
    }
    sys_mbox_destroy(box);
    sys_mbox_destroy(fresh);
    sys_mbox_destroy(cast);
    sys_mbox_destroy(cast2);
    printf("share: held after its targets are gone: %d\n", held());
}

static void pool(void)
{
    int sinks[SINKS], ports[SINKS * SINK_PORTS], flooders[FLOODERS];
    for (int s = 0; s < SINKS; s++) {
        sinks[s] = spawn_or_die("agent", 0);
        for (int i = 0; i < SINK_PORTS; i++)
            ports[s * SINK_PORTS + i] = new_port(sinks[s]);
    }
    /* Flooder k posts 8 to each of ten ports (80 > its share); a port
     * is flooded by four senders at most, so it never fills: only the
     * share and the pool can refuse. */
    for (int k = 0; k < FLOODERS; k++) {
        char list[100] = "";
        int len = 0;
        for (int i = 0; i < FLOOD_PORTS; i++)
            len += fmt_snprintf(list + len, sizeof(list) - (size_t)len,
                                "%s%d", i ? "," : "",
                                ports[(k * FLOOD_PORTS + i) %
                                      (SINKS * SINK_PORTS)]);
        flooders[k] = spawnf("flooder", "ports=%s n=8", list);
    }
    int total = 0, most = 0;
    for (int i = 0; i < FLOODERS; i++) {
        int status = 0;
        sys_wait(flooders[i], &status);
        total += status;
        most = status > most ? status : most;
    }
    printf("flooders: %d, accepted in all: %d, none over its share: %s\n",
           FLOODERS, total, most <= SHARE ? "yes" : "no");
    printf("held: %d of %d, peak %d\n", held(), sys_kinfo(KINFO_MSGS_POOL),
           sys_kinfo(KINFO_MSGS_PEAK));
    int owner = spawn_or_die("agent", 0);
    int empty = new_port(owner);
    struct msg m = { .code = 1 };
    printf("post to an empty port: %s\n",
           result_name(sys_port_post(empty, &m, TIMEOUT_NEVER)));
    agent_cmd(owner, AG_LATER, SYS_port_receive, (uint32_t)empty, AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 0, 0, 0);
    let_them_block();
    printf("send to it: %s\n",
           result_name(sys_port_send(empty, &m, TIMEOUT_NEVER)));
    int box = sys_mbox_create(MBOX_SEND | MBOX_BROADCAST);
    ag_mbox_open(owner, box, MBOX_RECV);
    printf("broadcast: %s, held: %d\n",
           result_name(sys_mbox_send(box, &m, 0, TIMEOUT_NEVER)), held());
    sys_mbox_destroy(box);
    agent_stop(owner);
    for (int s = 0; s < SINKS; s++)
        agent_stop(sinks[s]);
    printf("held after the ports' owners exit: %d, ports %d\n", held(),
           sys_kinfo(KINFO_PORTS));
}

/* Create objects until it fails: how many, and the error. */
static int fill(uint32_t num, uint32_t flags, int agent, int *err)
{
    int n = 0, r;
    while ((r = agent ? agent_cmd(agent, AG_NOW, num, flags, 0, 0, 0, 0, 0, 0)
                      : syscall_raw(num, flags, 0, 0, 0, 0)) > 0)
        n++;
    *err = r;
    return n;
}

static void limits(void)
{
    int err, ag[16];
    for (int i = 0; i < 16; i++)
        ag[i] = spawn_or_die("agent", 0);
    int box = sys_mbox_create(MBOX_SEND), holders = 1, r = 0;
    for (int i = 0; i < 16 && r == 0; i++)
        if ((r = ag_mbox_open(ag[i], box, MBOX_RECV)) == 0)
            holders++;
    printf("holders of one mailbox: %d, then %s\n", holders,
           errno_name(r));
    sys_mbox_destroy(box);
    int mine = fill(SYS_port_create, 0, 0, &err);
    printf("ports one process may own: %d (kinfo %d), then %s\n", mine,
           sys_kinfo(KINFO_PORT_LIMIT), errno_name(err));
    int total = mine;
    for (int i = 0; i < 4; i++)
        total += fill(SYS_port_create, PORT_SET, ag[i], &err);
    printf("ports in the system: %d (kinfo %d), then %s\n", total,
           sys_kinfo(KINFO_PORT_TABLE), errno_name(err));
    int mboxes = fill(SYS_mbox_create, MBOX_SEND, 0, &err);
    printf("mailboxes one process may hold: %d (kinfo %d), then %s\n",
           mboxes, sys_kinfo(KINFO_MBOX_LIMIT), errno_name(err));
    total = mboxes;
    for (int i = 0; i < 4; i++)
        total += fill(SYS_mbox_create, MBOX_RECV, ag[i], &err);
    printf("mailboxes in the system: %d (kinfo %d), then %s\n", total,
           sys_kinfo(KINFO_MBOX_TABLE), errno_name(err));
    for (int i = 0; i < 16; i++)
        agent_stop(ag[i]);
}

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    port_spam(seed);
    mailbox_spam();
    share(seed);
    pool();
    limits();
    printf("ports %d, mailboxes %d at the end\n", sys_kinfo(KINFO_PORTS),
           sys_kinfo(KINFO_MBOXES));
    return 0;
}
