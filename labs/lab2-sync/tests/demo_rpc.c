/*
 * demo_rpc.c (lab 2 demo, for the handout's figure request-respond): we
 * are a server, and a child 'asker' is our client. The client's request
 * (code 1, x = 6) arrives before we receive, so it blocks; our receive
 * takes it, and from then on the client waits for our reply only. We
 * respond with x * x.
 *
 *   python3 tools/trace.py --figure request-respond
 */
#include "kit.h"

int main(void)
{
    int client = spawn_or_die("asker", 0);
    sys_sleep(3);                       /* the client is blocked on us now */
    struct msg m;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    if (from != client) {
        printf("receive: %s\n", errno_name(from));
        return 1;
    }
    printf("request from the client: code %d, x = %u\n", m.code, m.w[0]);
    m.w[0] = m.w[0] * m.w[0];
    int r = sys_respond(from, &m);
    printf("respond: %s\n", r == 0 ? "ok" : errno_name(r));
    sys_wait(client, 0);
    return 0;
}
