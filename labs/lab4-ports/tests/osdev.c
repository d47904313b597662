/*
 * osdev.c (lab 4 test): "A waits for C, and B's message must not wake A",
 * solved with a private port. We (A) have an open main port and a private
 * port that only C may send to; C learns its number in a message (the
 * command that tells it to send). B sends to the main port and blocks, B2
 * posts to it while we wait on the private port: neither wakes us. C's
 * message does; B is still queued afterwards, and B's and B2's messages
 * then come in arrival order. Waiting on the private port is waiting for
 * C, so the deadlock check sees through it, both ways; and if C exits
 * while we wait, the wait ends with EPIPE. A post that would wait for
 * room at a port waits for the port's owner: refused too when the owner
 * waits for us. The words are drawn from the seed; oracle.py checks
 * them.
 */
#include "lab4test.h"

static int main_port, private_port, b, b2, c;

static const char *who(int pid)
{
    return pid == b ? "B" : pid == b2 ? "B2" : pid == c ? "C" : "someone else";
}

static const char *via(int r)
{
    return r == main_port ? "the main port" : r == private_port
        ? "the private port" : errno_name(r);
}

static void show(const char *what, int r, const struct msg *m)
{
    if (r < 0)
        printf("%s: %s\n", what, errno_name(r));
    else
        printf("%s: through %s, from %s, code %d, word %u\n", what, via(r),
               who(m->sender), m->code, m->w[0]);
}

/* Have agent a make call num (port, its buffer, timeout) after 'delay'
 * ticks, leaving it blocked in the call. */
static void later(int a, uint32_t num, int port, int timeout, int32_t code,
                  uint32_t word, uint32_t delay)
{
    agent_cmd(a, AG_LATER, num, (uint32_t)port, AG_BUF, (uint32_t)timeout, 0,
              code, word, delay);
}

int main(int argc, char **argv)
{
    struct rng rng;
    struct msg m;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    uint32_t w66 = rng_below(&rng, 1000), w67 = rng_below(&rng, 1000);
    uint32_t w68 = rng_below(&rng, 1000), w70 = rng_below(&rng, 1000);
    main_port = sys_port_create(PORT_OPEN);
    private_port = sys_port_create(0);
    b = spawn_or_die("agent", 0);
    b2 = spawn_or_die("agent", 0);
    c = spawn_or_die("agent", 0);
    printf("the private port, granted to C only: %s\n",
           result_name(sys_port_grant(private_port, c)));

    later(b, SYS_port_send, main_port, TIMEOUT_NEVER, 66, w66, 0);
    let_them_block(); /* B is blocked at the main port */
    later(b2, SYS_port_post, main_port, TIMEOUT_POLL, 68, w68, 2);
    later(c, SYS_port_send, private_port, TIMEOUT_NEVER, 67, w67, 5);
    uint32_t t0 = (uint32_t)sys_uptime();
    int r = sys_port_receive(private_port, &m, TIMEOUT_NEVER);
    uint32_t waited = (uint32_t)sys_uptime() - t0;
    show("first receive", r, &m);
    printf("waited for C, 5 ticks or more: %s\n", waited >= 5 ? "yes" : "no");
    printf("checkpoint: B has not been received yet\n");
    show("then on the main port", sys_port_receive(main_port, &m, 0), &m);
    show("and again", sys_port_receive(main_port, &m, 0), &m);
    printf("B's send: %s, B2's post: %s, C's send: %s\n",
           result_name(agent_last(b, 0)), result_name(agent_last(b2, 0)),
           result_name(agent_last(c, 0)));

    later(c, SYS_port_send, main_port, TIMEOUT_NEVER, 70, w70, 0);
    let_them_block(); /* C waits for us at the main port */
    show("receive on the private port while C waits for us",
         sys_port_receive(private_port, &m, TIMEOUT_NEVER), &m);
    show("the main port", sys_port_receive(main_port, &m, 0), &m);
    printf("C's send: %s\n", result_name(agent_last(c, 0)));

    later(c, SYS_port_send, main_port, TIMEOUT_NEVER, 71, 0, 2);
    show("waiting for C, C sends to the main port",
         sys_port_receive(private_port, &m, 10), &m);
    printf("C's send: %s\n", result_name(agent_last(c, 0)));
    show("anything at the main port", sys_port_receive(main_port, &m, 0), &m);

    later(c, SYS_exit, 0, 0, 0, 0, 2);
    show("waiting for C, C exits", sys_port_receive(private_port, &m, -1),
         &m);
    sys_wait(c, 0);

    /* B owns a port where our quota is used up, and waits for us: a post
     * that would wait for room there would wait for B. */
    int pb = agent_cmd(b, AG_NOW, SYS_port_create, PORT_OPEN, 0, 0, 0, 0, 0,
                       0);
    struct msg q = { .code = 72 };
    int n = 0;
    while (sys_port_post(pb, &q, TIMEOUT_POLL) == 0)
        n++;
    agent_cmd(b, AG_LATER, SYS_receive, (uint32_t)sys_getpid(), AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 0, 0, 0);
    let_them_block();
    printf("B's port, %d posts of ours there, B waits for us: a post waiting "
           "for room: %s\n", n,
           result_name(sys_port_post(pb, &q, TIMEOUT_NEVER)));
    sys_send(b, &q, TIMEOUT_NEVER);
    printf("B's receive: %s\n", result_name(agent_last(b, 0)));
    agent_stop(b);
    agent_stop(b2);
    sys_port_destroy(main_port);
    sys_port_destroy(private_port);
    printf("ports: %d, messages held: %d\n", sys_kinfo(KINFO_PORTS), held());
    return 0;
}
