/*
 * big_peer.c (lab 5 benchmark helper): the receiving side of bench_big.
 *   mode=sink    open a window of pages= pages (each at a new address)
 *                and receive a big message, until a plain message comes
 *                (msgs= big messages at most); then unmap them all
 *   mode=unmap   receive one region, unmap it, reply with what the unmap
 *                cost in w[0]
 *   mode=bounce  answer requests until code 0: each request's region
 *                (pages= pages) is moved back in the reply
 *   mode=write   receive one region copy-on-write, write one byte to
 *                each of its pages, timing each write (the first write
 *                to a shared copy-on-write page: a fault and a copy),
 *                unmap it, and reply with the mean per write in w[0]
 */
#include "bigmsg.h"

#define WIN ((uint8_t *)0x60000000)

/* Each message in a window of its own, all unmapped once a plain message
 * says that the sender has stopped timing: its figures hold the
 * transfer, not the later release of the pages (mode=unmap). The page
 * tables of all those windows are made first, before the sender's first
 * message (a page mapped and unmapped in every 4 MiB; unmap leaves the
 * table): a receiver that reuses its window, as a server does, pays for
 * them once, not per message. */
static void sink(uint32_t bytes, uint32_t msgs)
{
    struct msg m;
    uint32_t n = 0, span = (msgs * bytes + 0x3FFFFF) & ~0x3FFFFFu;
    for (uint32_t at = 0; at < span; at += 0x400000) {
        sys_map(WIN + at, PAGE_BYTES, 0);
        sys_unmap(WIN + at, PAGE_BYTES);
    }
    do {
        sys_window(WIN + n * bytes, bytes);
        sys_receive(ANY, &m, TIMEOUT_NEVER);
    } while (msg_is_big(&m) && ++n);
    sys_unmap(WIN, n * bytes);
}

/* Receive one region, unmap it, reply with what the unmap cost. */
static void unmap_one(uint32_t bytes)
{
    struct msg m;
    sys_window(WIN, bytes);
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    uint64_t t0 = rdtsc();
    sys_unmap(WIN, bytes);
    m.code = 1;
    m.w[0] = (uint32_t)(rdtsc() - t0);
    sys_respond(from, &m);
}

static void bounce(uint32_t bytes)
{
    struct msg m;
    sys_window(WIN, bytes);
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    while (from > 0 && big_code(&m) != 0) {
        m.code = 1;
        big_attach(&m, WIN, bytes, BIG_MOVE);
        sys_respond(from, &m);
        sys_window(WIN, bytes);
        from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    }
    if (from > 0)
        sys_respond(from, &m);
}

static void write_each(uint32_t bytes)
{
    struct msg m;
    sys_window(WIN, bytes);
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    uint8_t *p = big_data(&m);
    uint32_t pages = bytes / PAGE_BYTES;
    uint64_t total = 0;
    for (uint32_t i = 0; i < pages; i++) {
        uint64_t t0 = rdtsc();
        p[i * PAGE_BYTES] = 1;
        total += rdtsc() - t0;
    }
    sys_unmap(WIN, bytes);
    m.code = 1;
    m.w[0] = (uint32_t)(total / pages);
    sys_respond(from, &m);
}

int main(int argc, char **argv)
{
    const char *mode = arg_get(argc, argv, "mode");
    uint32_t bytes = arg_uint(argc, argv, "pages", 1) * PAGE_BYTES;
    if (mode && strcmp(mode, "bounce") == 0)
        bounce(bytes);
    else if (mode && strcmp(mode, "write") == 0)
        write_each(bytes);
    else if (mode && strcmp(mode, "unmap") == 0)
        unmap_one(bytes);
    else
        sink(bytes, arg_uint(argc, argv, "msgs", 1));
    return 0;
}
