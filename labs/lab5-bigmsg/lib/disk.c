/*
 * disk.c: the client side of the RAM disk server (disk.h). Each call is
 * one request to the server; big data travels in the request (a write)
 * or in the reply (a read) by mapping, never by copying. Lab 5,
 * provided.
 */
#include "disk.h"

static int ask(int server, struct msg *m)
{
    int e = sys_request(server, m, TIMEOUT_NEVER);
    return e < 0 ? e : (int)m->w[0];
}

int disk_write(int server, uint32_t b, void *buf)
{
    struct msg m = { .code = DISK_WRITE, .w = { b } };
    big_attach(&m, buf, DISK_BLOCK, BIG_MOVE);
    return ask(server, &m);
}

int disk_read(int server, uint32_t b, void *window)
{
    struct msg m = { .code = DISK_READ, .w = { b } };
    int e = sys_window(window, DISK_BLOCK);
    return e < 0 ? e : ask(server, &m);
}

int disk_stop(int server)
{
    struct msg m = { .code = DISK_STOP };
    return ask(server, &m);
}
