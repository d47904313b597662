/*
 * select.c (lab 4 test): receiving on a port set.
 *
 * Sixty-four ports: forty messages go to ports drawn from the seed, posts
 * by four agents and now and then a sender that blocks (psender), while
 * we receive nothing; one port joins the set only after it got messages,
 * another leaves it at the end. A receive on the set must then take every
 * message in arrival order, whichever port it came through, and the port
 * that left keeps its own. oracle.py computes the order from the seed.
 *
 * Two ports, one flooded: a receive on the set must not starve the other.
 * Four agents keep posting to port A, and now and then one posts to port
 * B, while we take messages, all in an order drawn from the seed; each
 * of B's messages must come out before every message of A that came
 * after it. oracle.py computes every take.
 */
#include "lab4test.h"

#define PORTS   64
#define AGENTS  4
#define EVENTS  40
#define LATE    63              /* joins the set after event 30 */
#define LEAVES  5               /* leaves the set at the end */

static int set, ports[PORTS], ag[AGENTS];

static int index_of(int port)
{
    for (int i = 0; i < PORTS; i++)
        if (ports[i] == port)
            return i;
    return -1;
}

/* Take everything waiting at 'where' (poll), one line each. */
static void take_all(const char *how, int where)
{
    struct msg m;
    int r;
    while ((r = sys_port_receive(where, &m, TIMEOUT_POLL)) > 0)
        printf("%s: port %d, code %d, word %u\n", how, index_of(r), m.code,
               m.w[0]);
    printf("%s: %s\n", how, errno_name(r));
}

static void in_order(struct rng *rng)
{
    set = sys_port_create(PORT_SET);
    for (int i = 0; i < PORTS; i++) {
        ports[i] = sys_port_create(PORT_OPEN);
        if (i != LATE)
            sys_port_join(ports[i], set);
    }
    for (int k = 0; k < AGENTS; k++)
        ag[k] = spawn_or_die("agent", 0);
    int senders[EVENTS], nsenders = 0;
    for (int e = 0; e < EVENTS; e++) {
        if (e == 30)
            printf("port %d joins: %s\n", LATE,
                   result_name(sys_port_join(ports[LATE], set)));
        uint32_t kind = rng_below(rng, 10), k = rng_below(rng, AGENTS);
        uint32_t i = kind == 9 ? LATE : rng_below(rng, PORTS);
        if (kind == 8) {
            senders[nsenders++] = spawnf("psender", "port=%d code=%u word=%d",
                                         ports[i], 2000 + i, e);
            let_them_block(); /* it is blocked at the port */
            printf("event %d: a send to port %u\n", e, i);
        } else {
            int r = ag_post(ag[k], ports[i], 1000 + (int32_t)i, (uint32_t)e,
                            TIMEOUT_POLL);
            printf("event %d: a post to port %u by %u: %s\n", e, i, k,
                   result_name(r));
        }
    }
    printf("port %d leaves: %s\n", LEAVES,
           result_name(sys_port_join(ports[LEAVES], 0)));
    take_all("set", set);
    take_all("alone", ports[LEAVES]);
    int delivered = 0;
    for (int s = 0; s < nsenders; s++) {
        int status = 1;
        sys_wait(senders[s], &status);
        delivered += status == 0;
    }
    printf("sends delivered: %d of %d\n", delivered, nsenders);
    sys_port_destroy(set);
    for (int i = 0; i < PORTS; i++)
        sys_port_destroy(ports[i]);
}

/* Port A flooded by four agents, port B posted to now and then, and the
 * takes in between, in an order drawn from the seed: the oldest message
 * comes first whichever port it waits at, so B's are never passed over
 * by A's that came after them. */
static void fairness(struct rng *rng)
{
    int two = sys_port_create(PORT_SET), a = sys_port_create(PORT_OPEN);
    int b = sys_port_create(PORT_OPEN);
    sys_port_join(a, two);
    sys_port_join(b, two);
    int refused = 0;
    for (int i = 0; i < 200; i++) {
        uint32_t op = rng_below(rng, 10);
        if (op < 6) {
            refused += ag_post(ag[i % AGENTS], a, 1, (uint32_t)i,
                               TIMEOUT_POLL) < 0;
        } else if (op < 8) {
            printf("fair %d: a post to B: %s\n", i,
                   result_name(ag_post(ag[0], b, 2, (uint32_t)i,
                                       TIMEOUT_POLL)));
        } else {
            struct msg m;
            int r = sys_port_receive(two, &m, TIMEOUT_POLL);
            if (r < 0)
                printf("fair %d: took nothing: %s\n", i, errno_name(r));
            else
                printf("fair %d: took %s word %u\n", i,
                       r == a ? "A" : r == b ? "B" : "?", m.w[0]);
        }
    }
    printf("fair: posts to A refused: %d\n", refused);
    sys_port_destroy(two);
    sys_port_destroy(a);
    sys_port_destroy(b);
}

int main(int argc, char **argv)
{
    struct rng rng;
    rng_init(&rng, arg_uint(argc, argv, "seed", 1));
    in_order(&rng);
    fairness(&rng);
    for (int k = 0; k < AGENTS; k++)
        agent_stop(ag[k]);
    printf("messages held: %d, ports: %d\n", held(), sys_kinfo(KINFO_PORTS));
    return 0;
}
