/*
 * mconsumer.c (lab 4 helper): receives from mailbox mbox= until a message
 * with code 9, counting the messages of codes 3 and 4 (two producers,
 * each numbering its messages in w[0]) and checking that each producer's
 * come in order. Then it posts its parent the two counts (w[0], w[1]) and
 * whether they were in order (w[2]).
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int mbox = (int)arg_uint(argc, argv, "mbox", 0);
    if (sys_mbox_open(mbox, MBOX_RECV) < 0)
        return 1;
    uint32_t count[2] = { 0, 0 }, next[2] = { 0, 0 }, in_order = 1;
    struct msg m;
    while (sys_mbox_receive(mbox, &m, TIMEOUT_NEVER) > 0 && m.code != 9) {
        if (m.code == 3 || m.code == 4) {
            int k = m.code - 3;
            in_order &= m.w[0] >= next[k];
            next[k] = m.w[0] + 1;
            count[k]++;
        }
    }
    struct msg report = { .code = 1, .w = { count[0], count[1], in_order } };
    sys_post((int)arg_uint(argc, argv, "parent", 1), &report, TIMEOUT_NEVER);
    return 0;
}
