/*
 * mixed.c (lab 4 test): synchronous and asynchronous messages on one
 * port. Six agents post, send and request through our port, and we take
 * messages, in an order drawn from the seed; an agent blocked in a send
 * or a request waits for us to take it (and a request for our reply).
 * Whatever call brought them, messages come out in arrival order, and a
 * sender's own messages in the order sent. Then the port's bound: posts
 * fill it (32, 8 per sender), a 33rd post is refused, a post that
 * waits for room gets in once one message is taken, and a send still
 * queues, since a blocked sender holds no kernel memory. oracle.py checks
 * every line.
 */
#include "lab4test.h"

#define AGENTS 6

static int port, ag[AGENTS], busy[AGENTS];

static int agent_index(int pid)
{
    for (int k = 0; k < AGENTS; k++)
        if (ag[k] == pid)
            return k;
    return -1;
}

/* Take one message (poll); answer a request; say what came. */
static int take(void)
{
    static const char *const kinds[] = { "post", "send", "request" };
    struct msg m;
    int r = sys_port_receive(port, &m, TIMEOUT_POLL);
    if (r < 0) {
        printf("take: %s\n", errno_name(r));
        return 0;
    }
    int k = agent_index(m.sender), kind = m.code / 10;
    printf("take: a %s by %d, code %d, word %u\n",
           kind >= 0 && kind < 3 ? kinds[kind] : "?", k, m.code, m.w[0]);
    if (kind > 0 && k >= 0) {
        if (kind == 2) {
            m.w[0] += 1000;
            sys_respond(m.sender, &m);
        }
        busy[k] = 0;
    }
    return 1;
}

static void sequence(struct rng *rng)
{
    for (int e = 0; e < 24; e++) {
        uint32_t kind = rng_below(rng, 4), k = rng_below(rng, AGENTS);
        uint32_t word = rng_below(rng, 1000);
        for (int n = 0; n < AGENTS && busy[k]; n++)
            k = (k + 1) % AGENTS;       /* the next agent not blocked */
        if (kind == 3 || busy[k]) {
            take();
            continue;
        }
        int32_t code = 10 * (int32_t)kind + (int32_t)k;
        if (kind == 0) {
            printf("post by %u: %s\n", k,
                   result_name(ag_post(ag[k], port, code, word,
                                       TIMEOUT_POLL)));
        } else {
            if (kind == 1)
                ag_send_later(ag[k], port, code, word);
            else
                ag_request_later(ag[k], port, code, word);
            let_them_block();
            busy[k] = 1;
            printf("%s by %u: blocked\n", kind == 1 ? "send" : "request", k);
        }
    }
    while (take())
        ;
    for (int k = 0; k < AGENTS; k++) {
        struct msg m;
        int r = agent_last(ag[k], &m);
        printf("agent %d: last call %s, word %u\n", k, result_name(r),
               m.w[0]);
    }
}

static void bound(void)
{
    int posted = 0, r;
    for (int k = 0; k < 4; k++)
        while ((r = ag_post(ag[k], port, k, 0, TIMEOUT_POLL)) == 0)
            posted++;
    printf("full: %d posts, the last refused: %s, held: %d\n", posted,
           result_name(r), held());
    printf("a 33rd post: %s\n",
           result_name(ag_post(ag[4], port, 4, 0, TIMEOUT_POLL)));
    agent_cmd(ag[4], AG_LATER, SYS_port_post, (uint32_t)port, AG_BUF,
              (uint32_t)TIMEOUT_NEVER, 0, 4, 0, 0);
    let_them_block();
    struct msg m;
    r = sys_port_receive(port, &m, TIMEOUT_POLL);
    int waited = agent_last(ag[4], 0);
    printf("one taken (%s): the post waiting for room: %s, held: %d\n",
           r == port ? "ok" : result_name(r), result_name(waited), held());
    ag_send_later(ag[5], port, 5, 0);
    let_them_block();
    int taken = 0, last = -1;
    while (sys_port_receive(port, &m, TIMEOUT_POLL) > 0) {
        taken++;
        last = m.code;
    }
    printf("a send still queued: %s, taken %d, the send last: %s\n",
           result_name(agent_last(ag[5], 0)), taken,
           last == 5 ? "yes" : "no");
}

int main(int argc, char **argv)
{
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    port = sys_port_create(PORT_OPEN);
    for (int k = 0; k < AGENTS; k++)
        ag[k] = spawn_or_die("agent", 0);
    sequence(&rng);
    bound();
    for (int k = 0; k < AGENTS; k++)
        agent_stop(ag[k]);
    printf("messages held: %d\n", held());
    return 0;
}
