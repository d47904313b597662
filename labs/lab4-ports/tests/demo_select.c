/*
 * demo_select.c (lab 4 demo, for the handout's figure): a receive on a
 * port set. Three ports in one set; X posts to the second, Y to the
 * first, and X sends to the third and blocks, in that order, while we
 * receive nothing. Three receives on the set then take them oldest
 * first, whichever port each came through.
 */
#include "lab4test.h"

int main(void)
{
    int set = sys_port_create(PORT_SET), ports[3];
    for (int i = 0; i < 3; i++) {
        ports[i] = sys_port_create(PORT_OPEN);
        sys_port_join(ports[i], set);
    }
    int x = spawnf("psender", "port=%d code=12 post=1 then=%d then_code=13 "
                   "then_delay=5", ports[1], ports[2]);
    let_them_block();
    int y = spawnf("psender", "port=%d code=11 post=1", ports[0]);
    sys_sleep(8);                       /* X is blocked at the third port */
    for (int i = 0; i < 3; i++) {
        struct msg m;
        int r = sys_port_receive(set, &m, TIMEOUT_NEVER);
        printf("take %d: code %d through port %d of 3\n", i, m.code,
               r == ports[0] ? 1 : r == ports[1] ? 2 : 3);
    }
    sys_wait(x, 0);
    sys_wait(y, 0);
    sys_port_destroy(set);
    for (int i = 0; i < 3; i++)
        sys_port_destroy(ports[i]);
    return 0;
}
