/*
 * diskserver.c (lab 5): a RAM disk server behind a port (the protocol is
 * in disk.h). It creates an open port and sends its number to the
 * process named by tell=PID; its clients reach it only through that
 * port. Its blocks live in slots of 1 MiB of its own address space, one
 * slot more than there are blocks: the spare one is where the receive
 * window is. A write lands in the spare slot, which becomes the block's;
 * the block's old slot is unmapped and becomes the spare. A read replies
 * with the block's slot, copy-on-write: the client sees the block as it
 * was, and neither side's later writes reach the other. Nothing is ever
 * copied, except by a copy-on-write fault when someone writes.
 */
#include "disk.h"
#include "ports.h"

#define SLOTS ((uint8_t *)0x50000000)

static uint32_t table[DISK_BLOCKS], spare = DISK_BLOCKS;

static uint8_t *slot(uint32_t s)
{
    return SLOTS + s * DISK_BLOCK;
}

/* Serve request m (from the port); leave the reply in m. A write's
 * region landed in the spare slot (our window). */
static void serve(struct msg *m)
{
    uint32_t b = m->w[0];
    int32_t code = big_code(m), err = 0;
    if (code == DISK_WRITE) {
        int whole = msg_is_big(m) && big_data(m) == slot(spare) &&
                    big_len(m) == DISK_BLOCK;
        if (!whole || b >= DISK_BLOCKS) {
            sys_unmap(slot(spare), DISK_BLOCK);
            err = -EINVAL;
        } else {
            sys_unmap(slot(table[b]), DISK_BLOCK);
            uint32_t old = table[b];
            table[b] = spare;
            spare = old;
        }
        *m = (struct msg){ .code = 0 };
    } else if (code == DISK_READ && b < DISK_BLOCKS) {
        *m = (struct msg){ .code = 0 };
        big_attach(m, slot(table[b]), DISK_BLOCK, BIG_COW);
    } else {
        if (msg_is_big(m))          /* a region we did not ask for */
            sys_unmap(slot(spare), DISK_BLOCK);
        *m = (struct msg){ .code = 0 };
        err = code == DISK_STOP ? 0 : -EINVAL;
    }
    m->w[0] = (uint32_t)err;
}

int main(int argc, char **argv)
{
    struct msg m = { .code = 0 };
    for (uint32_t b = 0; b < DISK_BLOCKS; b++)
        table[b] = b;
    int port = sys_port_create(PORT_OPEN);
    if (port < 0 || sys_map(SLOTS, DISK_BLOCKS * DISK_BLOCK, MAP_WRITE) < 0)
        return 1;                               /* the disk: zeroes */
    m = (struct msg){ .code = DISK_PORT, .w = { (uint32_t)port } };
    if (sys_send((int)arg_uint(argc, argv, "tell", 0), &m,
                 TIMEOUT_NEVER) < 0)
        return 1;
    sys_window(slot(spare), DISK_BLOCK);
    int r = sys_port_receive(port, &m, TIMEOUT_NEVER);
    for (;;) {
        if (r < 0) {
            /* A region that did not fit our window, or a reply that did
             * not fit the client's: refused on both sides; next. */
            sys_window(slot(spare), DISK_BLOCK);
            r = sys_port_receive(port, &m, TIMEOUT_NEVER);
            continue;
        }
        int from = m.sender, stop = big_code(&m) == DISK_STOP;
        serve(&m);
        if (stop) {
            sys_respond(from, &m);
            sys_port_destroy(port);
            return 0;
        }
        /* The reply, and the next request, in one call. */
        sys_window(slot(spare), DISK_BLOCK);
        r = sys_port_respond_receive(from, &m, port, TIMEOUT_NEVER);
    }
}
