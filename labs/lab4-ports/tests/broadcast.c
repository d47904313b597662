/*
 * broadcast.c (lab 4 test): a broadcast mailbox with two fast
 * subscribers, one slow one, and two senders (we and an agent), in an
 * order drawn from the seed. The fast ones get every message in order;
 * the slow one, which receives nothing for a while, keeps the newest
 * copies its queue holds (8, at most 4 from one sender) and learns how
 * many it lost (MSG_LOST) first thing when it receives; the senders never
 * wait and the kernel never holds more than the queues allow. A waiting
 * subscriber gets its copy at once; a late one gets only what comes
 * after it; one that closes gives its copies back; a spamming sender
 * pushes out only its own copies, and a third sender, into a queue full
 * of the other two's copies, pushes out the oldest of all. oracle.py
 * simulates every queue.
 */
#include "lab4test.h"

static int box, fast1, fast2, slow, other, third;

static const char *who(int pid)
{
    return pid == 0 ? "the kernel" : pid == sys_getpid() ? "T" : pid == other
        ? "P" : pid == third ? "Q" : "?";
}

/* Subscriber a takes one copy (poll): one line. */
static int take(const char *name, int a)
{
    struct msg m;
    int r = ag_mbox_take(a, box, &m);
    if (r < 0)
        printf("%s: %s\n", name, errno_name(r));
    else if (m.code == MSG_LOST)
        printf("%s: lost %u, said %s\n", name, m.w[0], who(r));
    else
        printf("%s: word %u from %s%s\n", name, m.w[0], who(r),
               m.sender == r ? "" : " (sender wrong)");
    return r >= 0;
}

static int send(int from, uint32_t word)
{
    struct msg m = { .code = 7, .w = { word } };
    return from ? ag_mbox_send(other, box, 7, word, 0, TIMEOUT_POLL)
                : sys_mbox_send(box, &m, 0, TIMEOUT_NEVER);
}

/* S's queue full, 4 copies from T and 4 from P: a copy from a third
 * sender, Q, who has none there, pushes out the oldest of all. */
static void full_queue(void)
{
    third = spawn_or_die("agent", 0);
    ag_mbox_open(third, box, MBOX_SEND);
    for (uint32_t i = 0; i < 4; i++) {
        send(0, 920 + i);
        send(1, 930 + i);
    }
    struct msg m = { .code = 7, .w = { 940 } };
    printf("Q, a third sender, into S's full queue: %s, held: %d\n",
           result_name(agent_cmd(third, AG_NOW, SYS_mbox_send, (uint32_t)box,
                                 AG_BUF, 0, TIMEOUT_POLL, 7, 940, 0)),
           held());
    char got[120] = "";
    int len = 0, r;
    while ((r = ag_mbox_take(slow, box, &m)) >= 0 &&
           len < (int)sizeof(got) - 16)
        len += fmt_snprintf(got + len, sizeof(got) - (size_t)len, " %s:%u",
                            m.code == MSG_LOST ? "lost" : who(r), m.w[0]);
    printf("S then takes:%s\n", got);
    agent_stop(third);
}

int main(int argc, char **argv)
{
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    box = sys_mbox_create(MBOX_SEND | MBOX_BROADCAST);
    fast1 = spawn_or_die("agent", 0);
    fast2 = spawn_or_die("agent", 0);
    slow = spawn_or_die("agent", 0);
    other = spawn_or_die("agent", 0);
    printf("subscribed: %s %s %s, P opens to send: %s\n",
           result_name(ag_mbox_open(fast1, box, MBOX_RECV)),
           result_name(ag_mbox_open(fast2, box, MBOX_RECV)),
           result_name(ag_mbox_open(slow, box, MBOX_RECV)),
           result_name(ag_mbox_open(other, box, MBOX_SEND)));

    for (int i = 0; i < 24; i++) {
        uint32_t from = rng_below(&rng, 2), word = rng_below(&rng, 10000);
        printf("send %d by %s: %s\n", i, from ? "P" : "T",
               result_name(send((int)from, word)));
        take("F1", fast1);
        if (i % 2)
            while (take("F2", fast2))
                ;
    }
    printf("held: %d\n", held());
    while (take("S", slow))
        ;

    agent_cmd(fast1, AG_LATER, SYS_mbox_receive, (uint32_t)box, AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 0, 0, 0);
    let_them_block();
    send(0, 777);
    struct msg m;
    int r = agent_last(fast1, &m);
    printf("F1 was waiting: word %u from %s\n", m.w[0], who(r));
    while (take("F2", fast2))
        ;
    while (take("S", slow))
        ;

    int late = spawn_or_die("agent", 0);
    send(0, 801);
    printf("late subscriber: %s\n",
           result_name(ag_mbox_open(late, box, MBOX_RECV)));
    send(0, 802);
    while (take("L", late))
        ;
    while (take("F1", fast1))
        ;
    while (take("F2", fast2))
        ;
    while (take("S", slow))
        ;

    for (uint32_t w = 803; w < 806; w++)
        send(0, w);
    printf("three copies each, held: %d\n", held());
    r = agent_cmd(slow, AG_NOW, SYS_mbox_close, (uint32_t)box, 0, 0, 0, 0, 0,
                  0);
    printf("S closes: %s, held: %d\n", result_name(r), held());
    printf("S receives: %s\n",
           result_name(agent_cmd(slow, AG_NOW, SYS_mbox_receive,
                                 (uint32_t)box, AG_BUF, 0, 0, 0, 0, 0)));
    agent_stop(fast1);
    agent_stop(fast2);
    agent_stop(late);
    printf("the others exit, held: %d\n", held());

    printf("S subscribes again: %s\n",
           result_name(ag_mbox_open(slow, box, MBOX_RECV)));
    for (uint32_t w = 910; w < 913; w++)
        send(0, w);
    int spam = 0;
    for (uint32_t w = 0; w < 100; w++)
        spam += send(1, w) == 0;
    printf("P spams: %d sent, none refused: %s, held: %d\n", spam,
           spam == 100 ? "yes" : "no", held());
    while (take("S", slow))
        ;
    full_queue();
    agent_stop(slow);
    agent_stop(other);
    printf("no subscriber: %s, held: %d\n", result_name(send(0, 1)), held());
    sys_mbox_destroy(box);
    printf("mailboxes: %d, held: %d\n", sys_kinfo(KINFO_MBOXES), held());
    return 0;
}
