/*
 * demo_disk.c (lab 5 demo, for make trace): one client of the RAM disk
 * server (diskserver.c), through the port whose number the server sends
 * it. It writes block 0 (its 1 MiB moves into the server), writes block
 * 1, reads block 0 back (the server's pages, copy-on-write, into our
 * window), and stops the server. The handout's chart of the disk server
 * is drawn from a traced run of it.
 */
#include "lab5test.h"
#include "disk.h"

int main(void)
{
    int server, port = disk_start(&server);
    for (uint32_t b = 0; b < 2; b++) {
        sys_map(BUF, DISK_BLOCK, MAP_WRITE);
        memset(BUF, (int)('A' + b), DISK_BLOCK);
        printf("write block %u: %s\n", b,
               result_name(disk_write(port, b, BUF)));
    }
    int e = disk_read(port, 0, WIN);
    printf("read block 0: %s, first byte %c\n", result_name(e),
           e == 0 ? WIN[0] : '?');
    printf("stop: %s\n", result_name(disk_stop(port)));
    sys_wait(server, 0);
    return 0;
}
