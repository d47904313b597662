/*
 * demo_post.c (lab 3 demo, for the handout's figure): post three
 * messages and notify twice to a receiver that is busy sleeping; none of
 * it waits. The receiver then takes what its box holds: the notification
 * first (coalesced, count 2), then the posts in order.
 * tools/trace.py --figure post-box draws it.
 */
#include "lab3test.h"

int main(void)
{
    int r = spawn_or_die("lazyrecv", "tag=demo delay=3 idle=2");
    for (int i = 1; i <= 3; i++) {
        struct msg m = { .code = i };
        sys_post(r, &m, TIMEOUT_POLL);
    }
    sys_notify(r);
    sys_notify(r);
    printf("posted 3, notified twice, without waiting\n");
    sys_wait(r, 0);
    return 0;
}
