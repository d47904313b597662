/*
 * stale.c (lab 4 test): numbers of dead ports and mailboxes stay dead. We
 * make and destroy ports, and then mailboxes, a number of times drawn
 * from the seed, each with a message queued when it dies; the next one
 * takes the same slot. Every call on an old number must fail with EBADF
 * and reach nothing, and the new object must find nothing of the old
 * one's messages. A port's number means nothing to the mailbox calls, and
 * the other way round; made-up numbers are refused too. oracle.py checks
 * the number of rounds.
 */
#include "lab4test.h"

#define ROUNDS_MAX 8

static int agent;

static const char *call_on(uint32_t num, int id, uint32_t a1, uint32_t a2)
{
    return result_name(agent_cmd(agent, AG_NOW, num, (uint32_t)id, a1, a2, 0,
                                 1, 0, 0));
}

static void old_port(int i, int id, int live)
{
    struct msg m;
    printf("old port %d: send %s, post %s, request %s\n", i,
           call_on(SYS_port_send, id, AG_BUF, 0),
           call_on(SYS_port_post, id, AG_BUF, 0),
           call_on(SYS_port_request, id, AG_BUF, 0));
    printf("old port %d: receive %s, grant %s, revoke %s, join %s, "
           "destroy %s\n", i,
           result_name(sys_port_receive(id, &m, TIMEOUT_POLL)),
           result_name(sys_port_grant(id, agent)),
           result_name(sys_port_revoke(id, ANY)),
           result_name(sys_port_join(id, 0)),
           result_name(sys_port_destroy(id)));
    printf("old port %d: same slot as the live one: %s, same number: %s\n",
           i, id % 1024 == live % 1024 ? "yes" : "no",
           id == live ? "yes" : "no");
}

static void old_mbox(int i, int id)
{
    struct msg m = { .code = 1 };
    printf("old mailbox %d: open %s, send %s, receive %s, close %s, "
           "destroy %s\n", i,
           result_name(sys_mbox_open(id, MBOX_RECV)),
           call_on(SYS_mbox_send, id, AG_BUF, 0),
           result_name(sys_mbox_receive(id, &m, TIMEOUT_POLL)),
           result_name(sys_mbox_close(id)),
           result_name(sys_mbox_destroy(id)));
}

int main(int argc, char **argv)
{
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    agent = spawn_or_die("agent", 0);
    int rounds = 2 + (int)rng_below(&rng, ROUNDS_MAX - 1);
    int ports[ROUNDS_MAX], boxes[ROUNDS_MAX];
    for (int i = 0; i < rounds; i++) {
        ports[i] = sys_port_create(PORT_OPEN);
        ag_post(agent, ports[i], 1, rng_below(&rng, 1000), TIMEOUT_POLL);
        sys_port_destroy(ports[i]);
    }
    int live = sys_port_create(PORT_OPEN);
    struct msg m;
    printf("%d ports made and destroyed; the new one got: %s, held %d\n",
           rounds, result_name(sys_port_receive(live, &m, TIMEOUT_POLL)),
           held());
    for (int i = 0; i < rounds; i++)
        old_port(i, ports[i], live);

    for (int i = 0; i < rounds; i++) {
        boxes[i] = sys_mbox_create(MBOX_SEND | MBOX_RECV);
        sys_mbox_send(boxes[i], &m, 0, TIMEOUT_POLL);
        sys_mbox_destroy(boxes[i]);
    }
    int box = sys_mbox_create(MBOX_SEND | MBOX_RECV);
    printf("%d mailboxes made and destroyed; the new one got: %s, held %d\n",
           rounds, result_name(sys_mbox_receive(box, &m, TIMEOUT_POLL)),
           held());
    for (int i = 0; i < rounds; i++)
        old_mbox(i, boxes[i]);

    printf("a port's number to mbox_open: %s, to mbox_send: %s\n",
           result_name(sys_mbox_open(live, MBOX_SEND)),
           result_name(sys_mbox_send(live, &m, 0, TIMEOUT_POLL)));
    printf("a mailbox's number to port_post: %s, to port_receive: %s\n",
           call_on(SYS_port_post, box, AG_BUF, 0),
           result_name(sys_port_receive(box, &m, TIMEOUT_POLL)));
    static const int made_up[] = { 0, -1, 1, 1023, 1024, 0x7fffffff };
    for (unsigned i = 0; i < sizeof(made_up) / sizeof(made_up[0]); i++)
        printf("made up %d: port_post %s, mbox_open %s\n", made_up[i],
               call_on(SYS_port_post, made_up[i], AG_BUF, 0),
               result_name(sys_mbox_open(made_up[i], MBOX_RECV)));
    int held_box = sys_mbox_create(MBOX_SEND);
    ag_mbox_open(agent, held_box, MBOX_SEND);
    sys_mbox_destroy(held_box);
    printf("a holder's mailbox destroyed, it sends: %s\n",
           call_on(SYS_mbox_send, held_box, AG_BUF, 0));
    agent_stop(agent);
    sys_port_destroy(live);
    sys_mbox_destroy(box);
    printf("ports %d, mailboxes %d, held %d\n", sys_kinfo(KINFO_PORTS),
           sys_kinfo(KINFO_MBOXES), held());
    return 0;
}
