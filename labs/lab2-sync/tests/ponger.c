/*
 * ponger.c (lab 2 helper): receive x from anyone, send back 3x + 1, until
 * a message with code 0 arrives. Checks that the kernel stamped the
 * sender's id.
 */
#include "kit.h"

int main(void)
{
    for (;;) {
        struct msg m;
        int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
        if (from < 0 || m.code == 0)
            return from < 0 ? 1 : 0;
        if (m.sender != from)
            printf("sender field %d does not match %d\n", m.sender, from);
        m.w[0] = 3 * m.w[0] + 1;
        sys_send(from, &m, TIMEOUT_NEVER);
    }
}
