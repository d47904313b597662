/*
 * squarer.c (lab 2 helper): a server. For a request (code 1, x, k) it
 * responds x * x + k; code 0 stops it, and the reply says how many
 * requests it served. Uses respond_receive, the server's fast path.
 */
#include "kit.h"

int main(void)
{
    struct msg m;
    uint32_t served = 0;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    while (from > 0) {
        if (m.code == 0) {
            m.w[0] = served;
            sys_respond(from, &m);
            return 0;
        }
        m.w[0] = m.w[0] * m.w[0] + m.w[1];
        served++;
        from = sys_respond_receive(from, &m, ANY, TIMEOUT_NEVER);
    }
    printf("server: receive failed: %s\n", errno_name(from));
    return 1;
}
