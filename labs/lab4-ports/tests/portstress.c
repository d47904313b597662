/*
 * portstress.c (lab 4 test): many clients, one server, under preemption.
 * We serve a set of eight ports; eight clients (sclient.c) each make 120
 * calls through two of them, half as requests, half as posts answered
 * on a private reply port; a ninth client calls without end and is killed
 * in the middle of it all. Meanwhile two producers and two consumers pass
 * 400 messages through a mailbox. The seed moves the timer's preemption
 * points: no call may be lost or answered twice, every answer must be
 * right (the clients check them, and oracle.py the sum of the x we
 * served, drawn from the seed), the mailbox must deliver everything in
 * order, and nothing may be left in the kernel at the end.
 */
#include "lab4test.h"

#define PORTS   8
#define CLIENTS 8
#define CALLS   120

int main(int argc, char **argv)
{
    uint32_t seed = arg_uint(argc, argv, "seed", 1);
    int me = sys_getpid(), set = sys_port_create(PORT_SET), ports[PORTS];
    for (int i = 0; i < PORTS; i++) {
        ports[i] = sys_port_create(PORT_OPEN);
        sys_port_join(ports[i], set);
    }
    int box = sys_mbox_create(MBOX_SEND), mb[4];
    for (int i = 0; i < 2; i++)
        mb[i] = spawnf("mconsumer", "mbox=%d parent=%d", box, me);
    for (int i = 0; i < 2; i++)
        mb[2 + i] = spawnf("flooder", "mbox=%d code=%d n=200 quiet=1", box,
                           3 + i);
    int pids[CLIENTS];
    for (int k = 0; k < CLIENTS; k++)
        pids[k] = spawnf("sclient", "a=%d b=%d k=%d n=%d seed=%u spid=%d",
                         ports[k % PORTS], ports[(k * 3 + 1) % PORTS], k,
                         CALLS, seed * 13 + (uint32_t)k, me);
    int victim = spawnf("sclient", "a=%d b=%d k=8 n=100000 seed=%u spid=%d",
                        ports[0], ports[5], seed, me);
    struct msg m;
    int served = 0, killed = 0, wrong = 0;
    uint32_t sum = 0;               /* of every x served (oracle.py) */
    int r = sys_port_receive(set, &m, TIMEOUT_NEVER);
    while (r > 0) {
        served += m.w[1] < CLIENTS;
        sum += m.w[1] < CLIENTS ? m.w[0] : 0;
        m.w[0] = 3 * m.w[0] + m.w[1];
        if (!killed && served >= 300) {
            killed = sys_kill(victim) == 0;
        }
        if (m.code == 1 && served == CLIENTS * CALLS) {
            sys_respond(m.sender, &m);      /* the last call */
            break;
        }
        if (m.code == 1) {
            r = sys_port_respond_receive(m.sender, &m, set, TIMEOUT_NEVER);
            if (r == -ESRCH || r == -ENOTCONN)  /* the victim, killed */
                r = sys_port_receive(set, &m, TIMEOUT_NEVER);
            continue;
        }
        if (m.code != 2 || sys_port_post((int)m.w[2], &m, TIMEOUT_POLL) < 0)
            wrong += m.w[1] < CLIENTS;
        if (served == CLIENTS * CALLS)
            break;
        r = sys_port_receive(set, &m, TIMEOUT_NEVER);
    }
    int good = 0;
    for (int k = 0; k < CLIENTS; k++) {
        int status = -1;
        sys_wait(pids[k], &status);
        good += status == 0;
    }
    sys_wait(victim, 0);
    printf("clients all right: %d of %d\n", good, CLIENTS);
    printf("calls served: %d of %d, answers lost: %d\n", served,
           CLIENTS * CALLS, wrong);
    printf("sum of the x served: %u\n", sum);
    printf("the endless client was killed on the way: %s\n",
           killed ? "yes" : "no");
    for (int i = 2; i < 4; i++)
        sys_wait(mb[i], 0);
    struct msg stop = { .code = 9 };
    for (int i = 0; i < 2; i++)
        sys_mbox_send(box, &stop, 0, TIMEOUT_NEVER);
    uint32_t got = 0, in_order = 1;
    for (int i = 0; i < 2; i++) {
        struct msg report;
        sys_receive(ANY, &report, TIMEOUT_NEVER);
        got += report.w[0] + report.w[1];
        in_order &= report.w[2];
    }
    for (int i = 0; i < 2; i++)
        sys_wait(mb[i], 0);
    printf("mailbox: %u of 400 received, each producer's in order: %s\n",
           got, in_order ? "yes" : "no");
    while (sys_port_receive(set, &m, TIMEOUT_POLL) > 0)
        ;                       /* the victim's last post, perhaps */
    sys_port_destroy(set);
    for (int i = 0; i < PORTS; i++)
        sys_port_destroy(ports[i]);
    sys_mbox_destroy(box);
    printf("ports %d, mailboxes %d, held %d\n", sys_kinfo(KINFO_PORTS),
           sys_kinfo(KINFO_MBOXES), held());
    return 0;
}
