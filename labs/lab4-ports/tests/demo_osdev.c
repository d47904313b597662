/*
 * demo_osdev.c (lab 4 demo, for the handout's figure): "A waits for C,
 * and B's message must not wake A", with a private port. A has an open
 * main port, and a private port that only C may send to. B sends to the
 * main port and blocks; A receives on the private port only, so B's
 * message stays queued; C's message, when it comes, wakes A. Then A
 * takes B's message from the main port.
 */
#include "lab4test.h"

int main(void)
{
    int main_port = sys_port_create(PORT_OPEN);
    int private_port = sys_port_create(0);
    int b = spawnf("psender", "port=%d code=66", main_port);
    int c = spawnf("psender", "port=%d code=67 delay=8", private_port);
    sys_port_grant(private_port, c);
    let_them_block(); /* B is blocked at the main port */
    struct msg m;
    int r = sys_port_receive(private_port, &m, TIMEOUT_NEVER);
    printf("first: through %s, code %d\n",
           r == private_port ? "the private port" : "the main port", m.code);
    r = sys_port_receive(main_port, &m, TIMEOUT_NEVER);
    printf("then: through %s, code %d\n",
           r == main_port ? "the main port" : "the private port", m.code);
    sys_wait(b, 0);
    sys_wait(c, 0);
    sys_port_destroy(main_port);
    sys_port_destroy(private_port);
    return 0;
}
