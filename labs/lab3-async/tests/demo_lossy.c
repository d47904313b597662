/*
 * demo_lossy.c (lab 3 demo, for the handout's figure): six datagrams to
 * a receiver, through the fault injector (the figure boots it with 20%
 * of each fault): some are lost, one is held back, one comes twice, one
 * is damaged. The receiver prints what it got.
 * tools/trace.py --figure lossy-channel draws it.
 */
#include "lab3test.h"

int main(void)
{
    int r = spawn_or_die("lazyrecv", "tag=demo delay=2 idle=3");
    for (int i = 1; i <= 6; i++) {
        struct msg m = { .code = i, .w = { (uint32_t)i * 1111 } };
        sys_datagram(r, &m);
    }
    sys_wait(r, 0);
    return 0;
}
