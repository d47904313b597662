/*
 * disk.c (lab 5 test): the RAM disk server (diskserver.c, disk.h) behind
 * its port, with three clients at once. The server sends us its port's
 * number in a message; the clients get it as a spawn argument (port=),
 * the only way they know the server. Each client owns one block: it
 * writes 1 MiB of
 * data drawn from its seed, reads the block back and reports its
 * checksum, twice; then the test reads every block. The oracle computes
 * every checksum from the seed. The disk moves and maps pages and never
 * copies one: the kernel's count of pages copied for big messages, and
 * of copy-on-write copies, must not move.
 */
#include "lab5test.h"
#include "disk.h"

#define CLIENTS 3
#define ROUNDS  2

static int client(int port, uint32_t block, uint32_t seed)
{
    struct rng r;
    rng_init(&r, seed);
    for (int i = 0; i < ROUNDS; i++) {
        if (sys_map(BUF, DISK_BLOCK, MAP_WRITE) < 0)
            return 1;
        fill(BUF, DISK_BLOCK, &r);
        int w = disk_write(port, block, BUF);
        int gone = sys_pageinfo(BUF) == 0;
        int e = disk_read(port, block, WIN);
        printf("block %u round %d: write %s (my pages moved: %s), read %s, "
               "fnv %08x\n", block, i, result_name(w), gone ? "yes" : "no",
               result_name(e), e == 0 ? sum_words(WIN, DISK_BLOCK) : 0);
        sys_unmap(WIN, DISK_BLOCK);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "client"))
        return client((int)arg_uint(argc, argv, "port", 0),
                      arg_uint(argc, argv, "client", 0),
                      arg_uint(argc, argv, "seed", 1));
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int copied = sys_kinfo(KINFO_BIG_COPIED);
    int cow = sys_kinfo(KINFO_COW_COPIES);
    int server, port = disk_start(&server);
    printf("the server's port came in a message: %s\n",
           port > 0 ? "yes" : result_name(port));
    int pids[CLIENTS];
    for (int k = 0; k < CLIENTS; k++)
        pids[k] = spawnf("disk", "client=%d port=%d seed=%u", k, port,
                         rng_next(&r));
    for (int k = 0; k < CLIENTS; k++)
        sys_wait(pids[k], 0);
    for (uint32_t b = 0; b < DISK_BLOCKS; b++) {
        int e = disk_read(port, b, WIN);
        printf("block %u at the end: %s, fnv %08x\n", b, result_name(e),
               e == 0 ? sum_words(WIN, DISK_BLOCK) : 0);
        sys_unmap(WIN, DISK_BLOCK);
    }
    struct msg bad = { .code = DISK_WRITE, .w = { 0 } };
    sys_map(BUF, PAGE, MAP_WRITE);
    big_attach(&bad, BUF, PAGE, BIG_MOVE);
    printf("a write of less than a block: %s\n",
           result_name(sys_port_request(port, &bad, TIMEOUT_NEVER) < 0
                           ? -1 : (int)bad.w[0]));
    struct msg read = { .code = DISK_READ, .w = { 1 } };
    printf("a read with no window: %s\n",
           result_name(sys_port_request(port, &read, TIMEOUT_NEVER)));
    printf("pages the kernel copied: %d, copy-on-write copies: %d\n",
           sys_kinfo(KINFO_BIG_COPIED) - copied,
           sys_kinfo(KINFO_COW_COPIES) - cow);
    printf("stop: %s\n", result_name(disk_stop(port)));
    sys_wait(server, 0);
    printf("its port after it: %s\n",
           result_name(disk_read(port, 0, WIN)));
    sys_window(0, 0);
    return 0;
}
