/*
 * demo_mbox.c (lab 4 demo, for the handout's figure): a FIFO mailbox
 * with two consumers. Both wait in mbox_receive; each of four messages
 * sent to the mailbox goes to the consumer that has waited longest (we
 * pause after each, so that the one served waits again).
 */
#include "lab4test.h"

int main(void)
{
    int box = sys_mbox_create(MBOX_SEND);
    int c1 = spawnf("taker", "mbox=%d n=2", box);
    let_them_block();
    int c2 = spawnf("taker", "mbox=%d n=2", box);
    let_them_block(); /* both wait for a message */
    for (int i = 1; i <= 4; i++) {
        struct msg m = { .code = i };
        sys_mbox_send(box, &m, 0, TIMEOUT_NEVER);
        sys_sleep(1);
    }
    sys_wait(c1, 0);
    sys_wait(c2, 0);
    sys_mbox_close(box);
    return 0;
}
