/*
 * lifetimes.c (lab 4 test): a port or a mailbox dies while processes are
 * blocked at it, in every way they can be blocked, and each must wake
 * with EIDRM (the object is gone), never stay asleep, and leave nothing
 * behind: the messages queued go back to the pool. A client whose request
 * was already taken waits for the owner, not the port: it still gets its
 * reply, or EPIPE if the owner dies. The scenarios run in an order drawn
 * from the seed; oracle.py checks it, and each line.
 */
#include "lab4test.h"

#define AGENTS 4
#define SCENARIOS 9

static int ag[AGENTS];

static void later(int a, uint32_t num, uint32_t x, uint32_t y, uint32_t z,
                  uint32_t w)
{
    agent_cmd(a, AG_LATER, num, x, y, z, w, 5, 0, 0);
}

/* Senders and a requester queued at a port that its owner destroys. */
static void port_destroyed(void)
{
    int p = sys_port_create(PORT_OPEN);
    later(ag[0], SYS_port_send, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    later(ag[1], SYS_port_request, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    int full = 0;
    while (ag_post(ag[2], p, 5, 0, TIMEOUT_POLL) == 0)
        full++;
    later(ag[2], SYS_port_post, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    printf("port: 2 blocked senders, %d posts and a poster waiting for "
           "room; held %d\n", full, held());
    printf("port: destroy: %s\n", result_name(sys_port_destroy(p)));
    int send = agent_last(ag[0], 0), request = agent_last(ag[1], 0);
    int post = agent_last(ag[2], 0);
    printf("port: send %s, request %s, post %s; held %d\n",
           result_name(send), result_name(request), result_name(post),
           held());
}

/* A request the owner took, then the port dies: the reply still comes. */
static void reply_after_death(void)
{
    int p = sys_port_create(PORT_OPEN);
    struct msg m;
    later(ag[0], SYS_port_request, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    int r = sys_port_receive(p, &m, TIMEOUT_POLL);
    printf("taken: %s\n", r == p ? "yes" : "no");
    printf("taken: destroy: %s\n", result_name(sys_port_destroy(p)));
    m.w[0] = 99;
    printf("taken: respond: %s\n", result_name(sys_respond(m.sender, &m)));
    r = agent_last(ag[0], &m);
    printf("taken: the request: %s, word %u\n", result_name(r), m.w[0]);
}

/* The owner exits with processes blocked at its port. */
static void owner_exits(void)
{
    int owner = spawn_or_die("agent", 0);
    int p = agent_cmd(owner, AG_NOW, SYS_port_create, PORT_OPEN, 0, 0, 0, 0,
                      0, 0);
    later(ag[0], SYS_port_request, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    agent_cmd(owner, AG_NOW, SYS_port_receive, (uint32_t)p, AG_BUF, 0, 0, 0,
              0, 0);                    /* takes the request */
    later(ag[1], SYS_port_send, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    later(ag[2], SYS_port_request, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    sys_kill(owner);
    sys_wait(owner, 0);
    int taken = agent_last(ag[0], 0), send = agent_last(ag[1], 0);
    int request = agent_last(ag[2], 0);
    printf("owner exits: taken request %s, send %s, request %s\n",
           result_name(taken), result_name(send), result_name(request));
    printf("owner exits: the port now: %s\n",
           result_name(ag_post(ag[3], p, 1, 0, TIMEOUT_POLL)));
}

/* Receivers waiting at a mailbox that another holder destroys; then a
 * sender waiting for room in a full one. */
static void mailbox_destroyed(void)
{
    int mb = sys_mbox_create(MBOX_SEND | MBOX_RECV);
    int ok = 1;
    for (int k = 0; k < 3; k++)
        ok &= ag_mbox_open(ag[k], mb, k < 2 ? MBOX_RECV : MBOX_SEND) == 0;
    later(ag[0], SYS_mbox_receive, (uint32_t)mb, AG_BUF, (uint32_t)-1, 0);
    later(ag[1], SYS_mbox_receive, (uint32_t)mb, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    printf("mailbox: opened %s\n", ok ? "yes" : "no");
    printf("mailbox: destroyed by a holder: %s\n",
           result_name(agent_cmd(ag[2], AG_NOW, SYS_mbox_destroy,
                                 (uint32_t)mb, 0, 0, 0, 0, 0, 0)));
    int first = agent_last(ag[0], 0), second = agent_last(ag[1], 0);
    printf("mailbox: the receives: %s, %s; mailboxes %d\n",
           result_name(first), result_name(second), sys_kinfo(KINFO_MBOXES));
    printf("mailbox: we hold it no more: %s\n",
           result_name(sys_mbox_close(mb)));

    mb = sys_mbox_create(MBOX_SEND | MBOX_RECV);
    ag_mbox_open(ag[2], mb, MBOX_SEND);
    struct msg m = { .code = 1 };
    int full = 0;
    while (sys_mbox_send(mb, &m, 0, TIMEOUT_POLL) == 0)
        full++;
    while (ag_mbox_send(ag[2], mb, 2, 0, 0, TIMEOUT_POLL) == 0)
        full++;                     /* its own share: 8 */
    later(ag[2], SYS_mbox_send, (uint32_t)mb, AG_BUF, 0, (uint32_t)-1);
    let_them_block();
    printf("full mailbox: %d sent, held %d\n", full, held());
    printf("full mailbox: destroy: %s\n", result_name(sys_mbox_destroy(mb)));
    int r = agent_last(ag[2], 0);
    printf("full mailbox: the send waiting for room: %s, held %d\n",
           result_name(r), held());
}

/* A subscriber waiting at a broadcast mailbox that dies. */
static void subscriber_waits(void)
{
    int mb = sys_mbox_create(MBOX_SEND | MBOX_BROADCAST);
    ag_mbox_open(ag[3], mb, MBOX_RECV);
    later(ag[3], SYS_mbox_receive, (uint32_t)mb, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    printf("subscriber: destroy: %s\n", result_name(sys_mbox_destroy(mb)));
    printf("subscriber: its receive: %s\n",
           result_name(agent_last(ag[3], 0)));
}

/* The last holder closes; then the last holder exits. */
static void last_holder(void)
{
    int mb = sys_mbox_create(MBOX_SEND);
    ag_mbox_open(ag[0], mb, MBOX_RECV);
    struct msg m = { .code = 1 };
    for (int i = 0; i < 5; i++)
        sys_mbox_send(mb, &m, 0, TIMEOUT_POLL);
    int r = sys_mbox_close(mb);
    printf("last holder: we close: %s, alive %d, held %d\n", result_name(r),
           sys_kinfo(KINFO_MBOXES), held());
    r = agent_cmd(ag[0], AG_NOW, SYS_mbox_close, (uint32_t)mb, 0, 0, 0, 0, 0,
                  0);
    printf("last holder: it closes: %s, alive %d, held %d\n", result_name(r),
           sys_kinfo(KINFO_MBOXES), held());
    printf("last holder: open it again: %s\n",
           result_name(sys_mbox_open(mb, MBOX_RECV)));
    int holder = spawn_or_die("agent", 0);
    mb = agent_cmd(holder, AG_NOW, SYS_mbox_create, MBOX_RECV | MBOX_PRIO, 0,
                   0, 0, 0, 0, 0);
    sys_mbox_open(mb, MBOX_SEND);
    for (int i = 0; i < 4; i++)
        sys_mbox_send(mb, &m, i, TIMEOUT_POLL);
    sys_mbox_close(mb);
    sys_kill(holder);
    sys_wait(holder, 0);
    printf("last holder exits: alive %d, held %d\n",
           sys_kinfo(KINFO_MBOXES), held());
}

/* A set dies: its ports live on, with their messages. */
static void set_destroyed(void)
{
    int s = sys_port_create(PORT_SET), p = sys_port_create(PORT_OPEN);
    sys_port_join(p, s);
    ag_post(ag[0], p, 3, 33, TIMEOUT_POLL);
    struct msg m;
    printf("set: destroy: %s\n", result_name(sys_port_destroy(s)));
    int r = sys_port_receive(p, &m, TIMEOUT_POLL);
    printf("set: then the port: %s, word %u\n", r == p ? "yes" : "no",
           m.w[0]);
    sys_port_destroy(p);
}

/* A sender blocked at a port that dies while another port is made in its
 * slot: it must not end up at the new one. */
static void slot_reused(void)
{
    int p = sys_port_create(PORT_OPEN);
    later(ag[1], SYS_port_send, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    sys_port_destroy(p);
    int q = sys_port_create(PORT_OPEN);
    struct msg m;
    int r = agent_last(ag[1], 0);
    printf("reused: the send: %s\n", result_name(r));
    printf("reused: the new port: %s\n",
           result_name(sys_port_receive(q, &m, TIMEOUT_POLL)));
    sys_port_destroy(q);
}

/* A poster woken for room, and the port or mailbox destroyed before it
 * runs: EIDRM, never a message put into a dead object. */
static void room_then_death(void)
{
    int p = sys_port_create(PORT_OPEN);
    struct msg m;
    while (ag_post(ag[2], p, 5, 0, TIMEOUT_POLL) == 0)
        ;
    later(ag[2], SYS_port_post, (uint32_t)p, AG_BUF, (uint32_t)-1, 0);
    let_them_block();
    int r = sys_port_receive(p, &m, TIMEOUT_POLL);     /* makes room */
    r = r == p ? sys_port_destroy(p) : r;
    printf("room made, the port destroyed at once: %s\n", result_name(r));
    r = agent_last(ag[2], 0);
    printf("room made: the post: %s, held %d\n", result_name(r), held());

    int mb = sys_mbox_create(MBOX_SEND | MBOX_RECV);
    ag_mbox_open(ag[2], mb, MBOX_SEND);
    while (ag_mbox_send(ag[2], mb, 2, 0, 0, TIMEOUT_POLL) == 0)
        ;
    later(ag[2], SYS_mbox_send, (uint32_t)mb, AG_BUF, 0, (uint32_t)-1);
    let_them_block();
    r = sys_mbox_receive(mb, &m, TIMEOUT_POLL);        /* makes room */
    r = r > 0 ? sys_mbox_destroy(mb) : r;
    printf("room made, the mailbox destroyed at once: %s\n",
           result_name(r));
    r = agent_last(ag[2], 0);
    printf("room made: the send: %s, held %d, mailboxes %d\n",
           result_name(r), held(), sys_kinfo(KINFO_MBOXES));
}

int main(int argc, char **argv)
{
    static void (*const scenario[SCENARIOS])(void) = {
        port_destroyed, reply_after_death, owner_exits, mailbox_destroyed,
        subscriber_waits, last_holder, set_destroyed, slot_reused,
        room_then_death };
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    for (int k = 0; k < AGENTS; k++)
        ag[k] = spawn_or_die("agent", 0);
    int order[SCENARIOS];
    for (int i = 0; i < SCENARIOS; i++)
        order[i] = i;
    for (int i = SCENARIOS - 1; i > 0; i--) {
        int j = (int)rng_below(&rng, (uint32_t)i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int i = 0; i < SCENARIOS; i++) {
        printf("scenario %d\n", order[i]);
        scenario[order[i]]();
    }
    for (int k = 0; k < AGENTS; k++)
        agent_stop(ag[k]);
    printf("ports %d, mailboxes %d, held %d\n", sys_kinfo(KINFO_PORTS),
           sys_kinfo(KINFO_MBOXES), held());
    return 0;
}
