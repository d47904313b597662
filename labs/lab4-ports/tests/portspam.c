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
 * Then the pool: forty ports, flooded by sixteen senders, take it all
 * (ENOBUFS, never a wait), a rendezvous still works with no memory, a
 * broadcast that does not fit reaches nobody, and it all comes back when
 * the ports' owners exit. Last, the limits on ports and mailboxes per
 * process and in the whole system.
 */
#include "lab4test.h"

#define CLIENTS 3
#define CALLS   100
#define SINKS   4
#define SINK_PORTS 10

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

static void pool(void)
{
    int sinks[SINKS], flooders[SINKS * 4], f = 0;
    for (int s = 0; s < SINKS; s++) {
        char list[100] = "";
        int len = 0;
        sinks[s] = spawn_or_die("agent", 0);
        for (int i = 0; i < SINK_PORTS; i++) {
            int p = agent_cmd(sinks[s], AG_NOW, SYS_port_create, PORT_OPEN,
                              0, 0, 0, 0, 0, 0);
            len += fmt_snprintf(list + len, sizeof(list) - (size_t)len,
                                "%s%d", i ? "," : "", p);
        }
        for (int k = 0; k < 4; k++)
            flooders[f++] = spawnf("flooder", "ports=%s n=8", list);
    }
    int nobufs = 0;
    for (int i = 0; i < f; i++) {
        int status = 0;
        sys_wait(flooders[i], &status);
        nobufs |= status;
    }
    printf("flooders saw ENOBUFS: %s\n", nobufs ? "yes" : "no");
    printf("held: %d of %d, peak %d\n", held(), sys_kinfo(KINFO_MSGS_POOL),
           sys_kinfo(KINFO_MSGS_PEAK));
    int owner = spawn_or_die("agent", 0);
    int empty = agent_cmd(owner, AG_NOW, SYS_port_create, PORT_OPEN, 0, 0, 0,
                          0, 0, 0);
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
    port_spam(arg_uint(argc, argv, "seed", 1));
    mailbox_spam();
    pool();
    limits();
    printf("ports %d, mailboxes %d at the end\n", sys_kinfo(KINFO_PORTS),
           sys_kinfo(KINFO_MBOXES));
    return 0;
}
