/*
 * mailbox.c (lab 4 test): a mailbox shared by three producers and four
 * consumers, all agents. In a FIFO mailbox the producers' messages, drawn
 * from the seed, come out oldest first to whichever consumer asks, each
 * exactly once, within the bounds (32 messages, 8 per sender); in a
 * priority mailbox, highest priority first and FIFO among equal ones.
 * Consumers that wait are served in the order they began to wait. Then
 * every error of the mailbox calls. oracle.py checks every line.
 */
#include "lab4test.h"

#define PRODUCERS 3
#define CONSUMERS 4

static int prod[PRODUCERS], cons[CONSUMERS];

static int producer_of(int pid)
{
    for (int k = 0; k < PRODUCERS; k++)
        if (prod[k] == pid)
            return k;
    return -1;
}

/* Consumer j takes one message (poll) from mb and says what came. */
static int take(int mb, int j)
{
    struct msg m;
    int r = ag_mbox_take(cons[j], mb, &m);
    if (r < 0) {
        printf("consumer %d: %s\n", j, errno_name(r));
        return 0;
    }
    int k = producer_of(r);
    printf("consumer %d took word %u, code %d, from producer %d%s\n", j,
           m.w[0], m.code, k, m.sender == r ? "" : " (sender wrong)");
    return 1;
}

static int open_all(int mb)
{
    int bad = 0;
    for (int k = 0; k < PRODUCERS; k++)
        bad |= ag_mbox_open(prod[k], mb, MBOX_SEND) < 0;
    for (int j = 0; j < CONSUMERS; j++)
        bad |= ag_mbox_open(cons[j], mb, MBOX_RECV) < 0;
    return bad;
}

/* n messages by producers drawn from the seed, with priorities 0..3 */
static void produce(int mb, struct rng *rng, int n, const char *how)
{
    for (int i = 0; i < n; i++) {
        uint32_t k = rng_below(rng, PRODUCERS), prio = rng_below(rng, 4);
        uint32_t word = rng_below(rng, 10000);
        int r = ag_mbox_send(prod[k], mb, 100 + (int32_t)k, word, (int)prio,
                             TIMEOUT_POLL);
        printf("%s %d: producer %u, priority %u: %s\n", how, i, k, prio,
               result_name(r));
    }
}

static void consume(int mb, struct rng *rng)
{
    for (;;) {
        uint32_t j = rng_below(rng, CONSUMERS);
        if (!take(mb, (int)j))
            return;
    }
}

/* Consumers wait in an order drawn from the seed, then four messages. */
static void waiting(int mb, struct rng *rng)
{
    int order[CONSUMERS] = { 0, 1, 2, 3 };
    for (int i = CONSUMERS - 1; i > 0; i--) {
        int j = (int)rng_below(rng, (uint32_t)i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int i = 0; i < CONSUMERS; i++) {
        agent_cmd(cons[order[i]], AG_LATER, SYS_mbox_receive, (uint32_t)mb,
                  AG_BUF, (uint32_t)TIMEOUT_NEVER, 0, 0, 0, 0);
        let_them_block();
        printf("consumer %d waits\n", order[i]);
    }
    for (int i = 0; i < CONSUMERS; i++)
        ag_mbox_send(prod[0], mb, 100, 500 + (uint32_t)i, 0, TIMEOUT_POLL);
    for (int j = 0; j < CONSUMERS; j++) {
        struct msg m;
        int r = agent_last(cons[j], &m);
        printf("consumer %d got: %s, word %u\n", j, result_name(r), m.w[0]);
    }
}

/* A receiver killed while it waits at a mailbox: it ends (status -9), and
 * the next message goes to the queue, not to the dead one. */
static void killed(void)
{
    int mb = sys_mbox_create(MBOX_SEND | MBOX_RECV);
    int k = spawn_or_die("agent", 0), status = 0;
    ag_mbox_open(k, mb, MBOX_RECV);
    agent_cmd(k, AG_LATER, SYS_mbox_receive, (uint32_t)mb, AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 0, 0, 0);
    let_them_block();
    sys_kill(k);
    sys_wait(k, &status);
    struct msg m = { .code = 1 };
    int sent = sys_mbox_send(mb, &m, 0, TIMEOUT_POLL);
    int got = sys_mbox_receive(mb, &m, TIMEOUT_POLL);
    printf("a receiver killed at a mailbox: status %d; a send: %s, and we "
           "take it back: %s\n", status, result_name(sent),
           got == sys_getpid() ? "yes" : "no");
    sys_mbox_destroy(mb);
}

static void errors(int mb)
{
    struct msg m = { .code = 1 };
    printf("create, no mode: %s\n", result_name(sys_mbox_create(0)));
    printf("create, bad flags: %s\n",
           result_name(sys_mbox_create(MBOX_SEND | 64)));
    printf("create, two orders: %s\n",
           result_name(sys_mbox_create(MBOX_SEND | MBOX_PRIO |
                                       MBOX_BROADCAST)));
    printf("open, bad mode: %s\n", result_name(sys_mbox_open(mb, 4)));
    printf("open, twice: %s\n", result_name(sys_mbox_open(mb, MBOX_RECV)));
    printf("open, a port's number: %s\n",
           result_name(sys_mbox_open(sys_port_create(0), MBOX_RECV)));
    printf("send, not opened to send: %s\n",
           result_name(ag_mbox_send(cons[0], mb, 1, 0, 0, TIMEOUT_POLL)));
    printf("receive, not opened to receive: %s\n",
           result_name(sys_mbox_receive(mb, &m, TIMEOUT_POLL)));
    printf("send, priority 256: %s\n",
           result_name(sys_mbox_send(mb, &m, 256, TIMEOUT_POLL)));
    printf("send, priority -1: %s\n",
           result_name(sys_mbox_send(mb, &m, -1, TIMEOUT_POLL)));
    m.code = MSG_LOST;
    printf("send, code MSG_LOST: %s\n",
           result_name(sys_mbox_send(mb, &m, 0, TIMEOUT_POLL)));
    m.code = MSG_NOTIFY;
    printf("send, code MSG_NOTIFY: %s\n",
           result_name(sys_mbox_send(mb, &m, 0, TIMEOUT_POLL)));
    m.code = 1;
    printf("send, bad timeout: %s\n",
           result_name(sys_mbox_send(mb, &m, 0, -3)));
    printf("send, null msg: %s\n",
           result_name(sys_mbox_send(mb, 0, 0, TIMEOUT_POLL)));
    printf("receive, kernel msg: %s\n",
           result_name(agent_cmd(cons[0], AG_NOW, SYS_mbox_receive,
                                 (uint32_t)mb, 0xC0100000u, 0, 0, 0, 0, 0)));
    printf("receive, poll: %s\n",
           result_name(agent_cmd(cons[0], AG_NOW, SYS_mbox_receive,
                                 (uint32_t)mb, AG_BUF, 0, 0, 0, 0, 0)));
    printf("receive, timeout 2: %s\n",
           result_name(agent_cmd(cons[0], AG_NOW, SYS_mbox_receive,
                                 (uint32_t)mb, AG_BUF, 2, 0, 0, 0, 0)));
    printf("send to 0: %s\n", result_name(sys_mbox_send(0, &m, 0, 0)));
    printf("close, a made-up number: %s\n",
           result_name(sys_mbox_close(sys_mbox_create(MBOX_RECV) + 1)));
    int other = sys_mbox_create(MBOX_RECV);
    printf("close another's: %s\n",
           result_name(agent_cmd(cons[0], AG_NOW, SYS_mbox_close,
                                 (uint32_t)other, 0, 0, 0, 0, 0, 0)));
    printf("destroy another's: %s\n",
           result_name(agent_cmd(cons[0], AG_NOW, SYS_mbox_destroy,
                                 (uint32_t)other, 0, 0, 0, 0, 0, 0)));
    int sent = 0, r;
    while ((r = sys_mbox_send(mb, &m, 0, TIMEOUT_POLL)) == 0)
        sent++;
    printf("one sender: %d sent, then %s\n", sent, result_name(r));
    for (int k = 0; k < PRODUCERS; k++)
        while ((r = ag_mbox_send(prod[k], mb, 1, 0, 0, TIMEOUT_POLL)) == 0)
            sent++;
    printf("four senders: %d sent, then %s; held %d\n", sent,
           result_name(r), held());
    int fifth = spawn_or_die("agent", 0);
    ag_mbox_open(fifth, mb, MBOX_SEND);
    printf("a fifth sender, with none of its own there: %s\n",
           result_name(ag_mbox_send(fifth, mb, 1, 0, 0, TIMEOUT_POLL)));
    agent_stop(fifth);
    killed();
    printf("mailboxes alive: %d\n", sys_kinfo(KINFO_MBOXES));
}

int main(int argc, char **argv)
{
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    for (int k = 0; k < PRODUCERS; k++)
        prod[k] = spawn_or_die("agent", 0);
    for (int j = 0; j < CONSUMERS; j++)
        cons[j] = spawn_or_die("agent", 0);
    int fifo = sys_mbox_create(MBOX_SEND);
    int prio = sys_mbox_create(MBOX_SEND | MBOX_PRIO);
    printf("created: %s, opened by all: %s\n",
           fifo > 0 && prio > 0 ? "yes" : "no",
           open_all(fifo) || open_all(prio) ? "no" : "yes");
    produce(fifo, &rng, 30, "fifo");
    consume(fifo, &rng);
    produce(prio, &rng, 16, "prio");
    consume(prio, &rng);
    waiting(fifo, &rng);
    errors(fifo);
    for (int k = 0; k < PRODUCERS; k++)
        agent_stop(prod[k]);
    for (int j = 0; j < CONSUMERS; j++)
        agent_stop(cons[j]);
    printf("mailboxes: %d, held: %d\n", sys_kinfo(KINFO_MBOXES), held());
    return 0;
}
