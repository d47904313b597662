/*
 * disk.c: the client side of the RAM disk server (disk.h). Each call is
 * one request through the server's port; big data travels in the request
 * (a write) or in the reply (a read) by mapping, never by copying. Lab 5,
 * provided.
 */
#include "disk.h"

static int ask(int port, struct msg *m)
{
    int e = sys_port_request(port, m, TIMEOUT_NEVER);
    return e < 0 ? e : (int)m->w[0];
}

int disk_write(int port, uint32_t b, void *buf)
{
    struct msg m = { .code = DISK_WRITE, .w = { b } };
    big_attach(&m, buf, DISK_BLOCK, BIG_MOVE);
    return ask(port, &m);
}

int disk_read(int port, uint32_t b, void *window)
{
    struct msg m = { .code = DISK_READ, .w = { b } };
    int e = sys_window(window, DISK_BLOCK);
    return e < 0 ? e : ask(port, &m);
}

int disk_stop(int port)
{
    struct msg m = { .code = DISK_STOP };
    return ask(port, &m);
}

int disk_start(int *pid)
{
    char args[24];
    struct msg m;
    fmt_snprintf(args, sizeof(args), "tell=%d", sys_getpid());
    *pid = sys_spawn("diskserver", args);
    if (*pid < 0)
        return *pid;
    int e = sys_receive(*pid, &m, TIMEOUT_NEVER);
    if (e >= 0 && m.code != DISK_PORT)
        e = -EINVAL;
    return e < 0 ? e : (int)m.w[0];
}
