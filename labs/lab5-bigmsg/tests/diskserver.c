/*
 * diskserver.c (lab 5): a RAM disk server (the protocol is in disk.h).
 * Its blocks live in slots of 1 MiB of its own address space, one slot
 * more than there are blocks: the spare one is where the receive window
 * is. A write lands in the spare slot, which becomes the block's; the
 * block's old slot is unmapped and becomes the spare. A read replies
 * with the block's slot, copy-on-write: the client sees the block as it
 * was, and neither side's later writes reach the other. Nothing is ever
 * copied, except by a copy-on-write fault when someone writes.
 */
#include "disk.h"

#define SLOTS ((uint8_t *)0x50000000)

static uint8_t *slot(uint32_t s)
{
    return SLOTS + s * DISK_BLOCK;
}

int main(void)
{
    uint32_t table[DISK_BLOCKS], spare = DISK_BLOCKS;
    for (uint32_t b = 0; b < DISK_BLOCKS; b++)
        table[b] = b;
    if (sys_map(SLOTS, DISK_BLOCKS * DISK_BLOCK, MAP_WRITE) < 0)
        return 1;                               /* the disk: zeroes */
    for (;;) {
        struct msg m;
        sys_window(slot(spare), DISK_BLOCK);
        int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
        if (from < 0)
            continue;               /* a region that did not fit: refused */
        uint32_t b = m.w[0];
        int32_t code = big_code(&m), err = 0;
        if (code == DISK_WRITE) {
            int whole = msg_is_big(&m) && big_data(&m) == slot(spare) &&
                        big_len(&m) == DISK_BLOCK;
            if (!whole || b >= DISK_BLOCKS) {
                sys_unmap(slot(spare), DISK_BLOCK);
                err = -EINVAL;
            } else {
                sys_unmap(slot(table[b]), DISK_BLOCK);
                uint32_t old = table[b];
                table[b] = spare;
                spare = old;
            }
            m = (struct msg){ .code = 0 };
        } else if (code == DISK_READ && b < DISK_BLOCKS) {
            m = (struct msg){ .code = 0 };
            big_attach(&m, slot(table[b]), DISK_BLOCK, BIG_COW);
        } else if (code == DISK_STOP) {
            m = (struct msg){ .code = 0 };
            sys_respond(from, &m);
            return 0;
        } else {
            m = (struct msg){ .code = 0 };
            err = -EINVAL;
        }
        m.w[0] = (uint32_t)err;
        sys_respond(from, &m);
    }
}
