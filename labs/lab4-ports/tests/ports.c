/*
 * ports.c (lab 4 test): port basics. Two agents send six messages drawn
 * from the seed through an open port, each a post, a send or a request,
 * and each claims a false sender: we receive each one and check the port
 * it came through and its real sender. Then three messages of both kinds
 * wait at once and must come out in arrival order; then every error of
 * the port calls. oracle.py checks every line.
 */
#include "lab4test.h"

static int port, agents[2];

static const char *who(int pid)
{
    return pid == agents[0] ? "A" : pid == agents[1] ? "B" : "someone else";
}

static const char *through(int r)
{
    return r == port ? "the port" : r < 0 ? errno_name(r) : "another port";
}

/* Receive one message (poll) and describe it. */
static void take(const char *what)
{
    struct msg m;
    int r = sys_port_receive(port, &m, TIMEOUT_POLL);
    printf("%s: code %d, word %u, through %s, from %s\n", what, m.code,
           m.w[0], through(r), who(m.sender));
    if (r == port && m.code % 3 == 2) {     /* a request: answer it */
        m.w[0] = m.w[0] * 3 + 1;
        printf("%s: respond: %s\n", what, result_name(sys_respond(m.sender,
                                                                  &m)));
    }
}

static void drawn(struct rng *rng)
{
    static const char *const kinds[] = { "post", "send", "request" };
    for (int i = 0; i < 6; i++) {
        int kind = (int)rng_below(rng, 3), k = (int)rng_below(rng, 2);
        int32_t code = 3 * (int32_t)rng_below(rng, 30) + kind;
        uint32_t word = rng_below(rng, 100000);
        int a = agents[k], r;
        if (kind == 0)
            r = ag_post(a, port, code, word, TIMEOUT_POLL);
        else if (kind == 1)
            r = ag_send_later(a, port, code, word);
        else
            r = ag_request_later(a, port, code, word);
        let_them_block(); /* a send or request is blocked now */
        char what[40];
        fmt_snprintf(what, sizeof(what), "msg %d, a %s by %s", i, kinds[kind],
                     who(a));
        printf("%s: %s\n", what, result_name(r));
        take(what);
        if (kind > 0) {
            struct msg m;
            r = agent_last(a, &m);
            printf("%s: the %s returned %s, word %u\n", what, kinds[kind],
                   result_name(r), m.w[0]);
        }
    }
}

/* A post, a send and a post wait at once: arrival order. */
static void in_order(struct rng *rng)
{
    uint32_t w = rng_below(rng, 1000);
    ag_post(agents[0], port, 3, w, TIMEOUT_POLL);
    ag_send_later(agents[1], port, 4, w + 1);
    let_them_block();
    ag_post(agents[0], port, 6, w + 2, TIMEOUT_POLL);
    for (int i = 0; i < 3; i++) {
        char what[24];
        fmt_snprintf(what, sizeof(what), "waiting %d", i);
        take(what);
    }
    agent_last(agents[1], 0);
}

static void errors(void)
{
    struct msg m = { .code = 1 };
    int set = sys_port_create(PORT_SET), other = sys_port_create(0);
    printf("create, bad flags: %s\n", result_name(sys_port_create(16)));
    printf("create, open set: %s\n",
           result_name(sys_port_create(PORT_OPEN | PORT_SET)));
    printf("send to own port: %s\n",
           result_name(sys_port_send(port, &m, TIMEOUT_POLL)));
    printf("post to own port: %s\n",
           result_name(sys_port_post(port, &m, TIMEOUT_POLL)));
    printf("send to 0: %s\n", result_name(sys_port_send(0, &m, 0)));
    printf("send to -1: %s\n", result_name(sys_port_send(-1, &m, 0)));
    printf("send to 12345: %s\n", result_name(sys_port_send(12345, &m, 0)));
    printf("send to a set: %s\n",
           result_name(ag_post(agents[0], set, 1, 0, TIMEOUT_POLL)));
    printf("send, bad timeout: %s\n",
           result_name(sys_port_send(port, &m, -2)));
    printf("send, kernel msg: %s\n",
           result_name(agent_cmd(agents[0], AG_NOW, SYS_port_send,
                                 (uint32_t)port, 0xC0100000u, TIMEOUT_POLL, 0,
                                 0, 0, 0)));
    printf("send, poll, the owner not waiting: %s\n",
           result_name(agent_cmd(agents[0], AG_NOW, SYS_port_send,
                                 (uint32_t)port, AG_BUF, TIMEOUT_POLL, 0, 1,
                                 0, 0)));
    agent_cmd(agents[0], AG_LATER, SYS_port_send, (uint32_t)port, AG_BUF, 3,
              0, 1, 0, 0);
    sys_sleep(6);                   /* not waiting for it: no cycle */
    printf("send, timeout 3: %s\n", result_name(agent_last(agents[0], 0)));
    printf("post, bad timeout: %s\n",
           result_name(ag_post(agents[0], port, 1, 0, -2)));
    printf("post, null msg: %s\n",
           result_name(agent_cmd(agents[0], AG_NOW, SYS_port_post,
                                 (uint32_t)port, 0, 0, 0, 0, 0, 0)));
    printf("post, kernel msg: %s\n",
           result_name(agent_cmd(agents[0], AG_NOW, SYS_port_post,
                                 (uint32_t)port, 0xC0100000u, 0, 0, 0, 0,
                                 0)));
    printf("receive, kernel msg: %s\n",
           result_name(sys_port_receive(port, (void *)0xC0100000u, 0)));
    printf("receive, bad timeout: %s\n",
           result_name(sys_port_receive(port, &m, -5)));
    printf("receive, poll: %s\n",
           result_name(sys_port_receive(port, &m, TIMEOUT_POLL)));
    uint32_t t0 = (uint32_t)sys_uptime();
    int r = sys_port_receive(port, &m, 3);
    uint32_t waited = (uint32_t)sys_uptime() - t0;
    printf("receive, timeout 3: %s after %s\n", result_name(r),
           waited >= 3 && waited <= 4 ? "3 ticks" : "a wrong time");
    printf("receive on another's port: %s\n",
           result_name(agent_cmd(agents[0], AG_NOW, SYS_port_receive,
                                 (uint32_t)port, AG_BUF, 0, 0, 0, 0, 0)));
    printf("destroy another's port: %s\n",
           result_name(agent_cmd(agents[0], AG_NOW, SYS_port_destroy,
                                 (uint32_t)port, 0, 0, 0, 0, 0, 0)));
    printf("join: %s\n", result_name(sys_port_join(other, set)));
    printf("receive on a port in a set: %s\n",
           result_name(sys_port_receive(other, &m, TIMEOUT_POLL)));
    printf("join another set: %s\n",
           result_name(sys_port_join(other, sys_port_create(PORT_SET))));
    printf("join a set to a set: %s\n", result_name(sys_port_join(set, set)));
    printf("join a port to a port: %s\n",
           result_name(sys_port_join(port, other)));
    printf("receive on the set, poll: %s\n",
           result_name(sys_port_receive(set, &m, TIMEOUT_POLL)));
    printf("respond_receive, nobody waits: %s\n",
           result_name(sys_port_respond_receive(agents[0], &m, port, 0)));
    printf("respond_receive, bad port: %s\n",
           result_name(sys_port_respond_receive(agents[0], &m, 7, 0)));
    printf("ports alive: %d\n", sys_kinfo(KINFO_PORTS));
}

/* A sender killed while it is blocked at the port: it ends (status -9),
 * and nothing of it is left queued. */
static void killed(void)
{
    int k = spawn_or_die("agent", 0), status = 0;
    ag_send_later(k, port, 9, 0);
    let_them_block();
    sys_kill(k);
    sys_wait(k, &status);
    struct msg m;
    printf("a sender killed at the port: status %d, then the port: %s\n",
           status, result_name(sys_port_receive(port, &m, TIMEOUT_POLL)));
}

int main(int argc, char **argv)
{
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    port = sys_port_create(PORT_OPEN);
    printf("port created: %s, alive %d\n", port > 0 ? "yes" : "no",
           sys_kinfo(KINFO_PORTS));
    for (int k = 0; k < 2; k++)
        agents[k] = spawn_or_die("agent", 0);
    drawn(&rng);
    in_order(&rng);
    errors();
    killed();
    printf("destroy: %s\n", result_name(sys_port_destroy(port)));
    printf("destroy again: %s\n", result_name(sys_port_destroy(port)));
    for (int k = 0; k < 2; k++)
        agent_stop(agents[k]);
    printf("messages held: %d\n", held());
    return 0;
}
