/*
 * refused.c (lab 4 test): the owner of a port decides who sends. A closed
 * port refuses everyone (EACCES, at once, whatever the timeout, nothing
 * queued); granting one agent (drawn from the seed) lets that one in and
 * no other; every error of grant and revoke; opening the port lets
 * everyone in, and closing it again throws away what the others queued;
 * revoking an agent that is blocked at the port (in a send, or waiting
 * for room, or just woken for room) wakes it with EACCES and throws away
 * its queued posts, and touches no one else: neither another sender
 * blocked there nor the posts of others.
 * oracle.py checks the seed-drawn lines.
 */
#include "lab4test.h"

#define AGENTS 9

static int port, ag[AGENTS];

static char name(int pid)
{
    for (int k = 0; k < AGENTS; k++)
        if (ag[k] == pid)
            return (char)('A' + k);
    return '?';
}

/* Receive with poll and say what came. */
static void take(const char *what)
{
    struct msg m;
    int r = sys_port_receive(port, &m, TIMEOUT_POLL);
    if (r < 0)
        printf("%s: %s\n", what, errno_name(r));
    else
        printf("%s: word %u from %c\n", what, m.w[0], name(m.sender));
}

static int send_now(int a, int timeout)
{
    return agent_cmd(a, AG_NOW, SYS_port_send, (uint32_t)port, AG_BUF,
                     (uint32_t)timeout, 0, 1, 0, 0);
}

static int request_now(int a, int timeout)
{
    return agent_cmd(a, AG_NOW, SYS_port_request, (uint32_t)port, AG_BUF,
                     (uint32_t)timeout, 0, 1, 0, 0);
}

/* Four agents from 'first' on fill the port; agent y waits for room with
 * nothing of its own there, and agent z is blocked sending. Revoking y
 * wakes y alone, and drops nobody else's messages. */
static void others(int y, int z, int first, uint32_t w)
{
    int n = 0;
    for (int i = 0; i < 4; i++)
        sys_port_grant(port, ag[(first + i) % AGENTS]);
    sys_port_grant(port, ag[y]);
    sys_port_grant(port, ag[z]);
    for (int i = 0; i < 4; i++)
        while (ag_post(ag[(first + i) % AGENTS], port, 1, w, TIMEOUT_POLL) ==
               0)
            n++;
    agent_cmd(ag[y], AG_LATER, SYS_port_post, (uint32_t)port, AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 1, w, 0);
    ag_send_later(ag[z], port, 2, w + 6);
    let_them_block();
    printf("others posted %d; %c waits for room with none of its own "
           "there; %c sends\n", n, 'A' + y, 'A' + z);
    printf("revoke %c: %s\n", 'A' + y,
           result_name(sys_port_revoke(port, ag[y])));
    int r = agent_last(ag[y], 0);
    printf("its post: %s, held: %d\n", result_name(r), held());
    int posts = 0;
    struct msg m;
    while ((r = sys_port_receive(port, &m, TIMEOUT_POLL)) == port &&
           m.code == 1)
        posts++;
    printf("taken: %d posts, then word %u from %c\n", posts, m.w[0],
           r == port ? name(m.sender) : '-');
    printf("%c's send: %s\n", 'A' + z, result_name(agent_last(ag[z], 0)));
    for (int i = 0; i < 4; i++)
        sys_port_revoke(port, ag[(first + i) % AGENTS]);
    sys_port_revoke(port, ag[z]);
}

int main(int argc, char **argv)
{
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    port = sys_port_create(0);
    for (int k = 0; k < AGENTS; k++)
        ag[k] = spawn_or_die("agent", 0);
    uint32_t w = rng_below(&rng, 10000);
    int x = (int)rng_below(&rng, AGENTS), y = (x + 1) % AGENTS;

    printf("closed, post: %s\n",
           result_name(ag_post(ag[x], port, 1, w, TIMEOUT_NEVER)));
    printf("closed, send: %s\n", result_name(send_now(ag[x], TIMEOUT_NEVER)));
    printf("closed, request: %s\n",
           result_name(request_now(ag[x], TIMEOUT_NEVER)));
    take("closed, anything queued");
    printf("closed, held: %d\n", held());

    printf("grant %c: %s\n", 'A' + x, result_name(sys_port_grant(port, ag[x])));
    printf("%c posts: %s\n", 'A' + x,
           result_name(ag_post(ag[x], port, 1, w, TIMEOUT_POLL)));
    printf("%c posts: %s\n", 'A' + y,
           result_name(ag_post(ag[y], port, 1, w + 1, TIMEOUT_POLL)));
    take("granted, first");
    take("granted, second");

    printf("grant self: %s\n",
           result_name(sys_port_grant(port, sys_getpid())));
    printf("grant 99999: %s\n", result_name(sys_port_grant(port, 99999)));
    printf("grant 0: %s\n", result_name(sys_port_grant(port, 0)));
    printf("grant by another: %s\n",
           result_name(agent_cmd(ag[x], AG_NOW, SYS_port_grant,
                                 (uint32_t)port, (uint32_t)ag[y], 0, 0, 0, 0,
                                 0)));
    printf("grant on a set: %s\n",
           result_name(sys_port_grant(sys_port_create(PORT_SET), ag[x])));
    printf("grant %c again: %s\n", 'A' + x,
           result_name(sys_port_grant(port, ag[x])));
    int granted = 1, r = 0, last = 0;
    for (int k = 0; k < AGENTS - 1 && r == 0; k++) {
        last = ag[(y + k) % AGENTS];        /* every agent but x */
        if ((r = sys_port_grant(port, last)) == 0)
            granted++;
    }
    printf("granted %d, the next: %s\n", granted, result_name(r));
    printf("revoke one never granted: %s\n",
           result_name(sys_port_revoke(port, last)));
    printf("revoke ANY, not open: %s\n",
           result_name(sys_port_revoke(port, ANY)));
    for (int k = 0; k < AGENTS; k++)
        if (k != x && ag[k] != last)
            sys_port_revoke(port, ag[k]);

    printf("open: %s\n", result_name(sys_port_grant(port, ANY)));
    printf("open, %c posts: %s, %s\n", 'A' + y,
           result_name(ag_post(ag[y], port, 1, w + 2, TIMEOUT_POLL)),
           result_name(ag_post(ag[y], port, 1, w + 3, TIMEOUT_POLL)));
    printf("open, %c posts: %s\n", 'A' + x,
           result_name(ag_post(ag[x], port, 1, w + 4, TIMEOUT_POLL)));
    printf("held: %d\n", held());
    printf("close: %s\n", result_name(sys_port_revoke(port, ANY)));
    printf("held after closing: %d\n", held());
    take("closed again, first");
    take("closed again, second");
    printf("closed again, %c posts: %s\n", 'A' + y,
           result_name(ag_post(ag[y], port, 1, w, TIMEOUT_POLL)));

    ag_send_later(ag[x], port, 1, w);
    let_them_block();
    printf("revoke %c while it sends: %s\n", 'A' + x,
           result_name(sys_port_revoke(port, ag[x])));
    printf("its send: %s\n", result_name(agent_last(ag[x], 0)));
    take("after the revoke");

    sys_port_grant(port, ag[y]);
    int posted = 0;
    while (ag_post(ag[y], port, 1, w, TIMEOUT_POLL) == 0)
        posted++;
    agent_cmd(ag[y], AG_LATER, SYS_port_post, (uint32_t)port, AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 1, w, 0);
    let_them_block();
    printf("%c posted %d, held %d, then waits for room\n", 'A' + y, posted,
           held());
    printf("revoke %c: %s\n", 'A' + y,
           result_name(sys_port_revoke(port, ag[y])));
    printf("its post: %s, held: %d\n", result_name(agent_last(ag[y], 0)),
           held());

    /* Room is made, the poster is woken but has not run yet, and it is
     * revoked: when it runs, it must not post. */
    sys_port_grant(port, ag[y]);
    while (ag_post(ag[y], port, 1, w, TIMEOUT_POLL) == 0)
        ;
    agent_cmd(ag[y], AG_LATER, SYS_port_post, (uint32_t)port, AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 1, w, 0);
    let_them_block();
    struct msg m;
    r = sys_port_receive(port, &m, TIMEOUT_POLL);      /* makes room */
    r = r == port ? sys_port_revoke(port, ag[y]) : r;
    printf("room made, then revoke %c at once: %s\n", 'A' + y,
           result_name(r));
    r = agent_last(ag[y], 0);
    printf("its post: %s, held: %d\n", result_name(r), held());
    others(y, (x + 6) % AGENTS, (x + 2) % AGENTS, w);

    printf("grant %c again: %s\n", 'A' + x,
           result_name(sys_port_grant(port, ag[x])));
    printf("%c posts: %s\n", 'A' + x,
           result_name(ag_post(ag[x], port, 1, w + 5, TIMEOUT_POLL)));
    take("granted again");
    for (int k = 0; k < AGENTS; k++)
        agent_stop(ag[k]);
    printf("messages held: %d\n", held());
    return 0;
}
