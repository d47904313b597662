/*
 * poster.c (lab 3 helper): posts and notifies for a test.
 *   mode=cmd (default): do what the parent asks, one request at a time
 *     (lab3test.h), until CMD_STOP; so the parent decides the exact
 *     order of every post.
 *   mode=fill: after delay= ticks, post n= messages to dst= (code=, w[0]
 *     = 0, 1, ..., timeout= as given, default poll), then exit with the
 *     number accepted.
 */
#include "lab3test.h"

static int fill(int argc, char **argv)
{
    int dst = (int)arg_uint(argc, argv, "dst", 1);
    uint32_t n = arg_uint(argc, argv, "n", 8);
    int code = (int)arg_uint(argc, argv, "code", 1);
    int timeout = arg_get(argc, argv, "never") ? TIMEOUT_NEVER : TIMEOUT_POLL;
    uint32_t delay = arg_uint(argc, argv, "delay", 0);
    if (delay)
        sys_sleep((int)delay);
    int ok = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct msg m = { .code = code, .w = { i } };
        ok += sys_post(dst, &m, timeout) == 0;
    }
    return ok;
}

int main(int argc, char **argv)
{
    const char *mode = arg_get(argc, argv, "mode");
    if (mode && strcmp(mode, "fill") == 0)
        return fill(argc, argv);
    struct msg m;
    int from = sys_receive(ANY, &m, TIMEOUT_NEVER);
    while (from > 0 && m.code != CMD_STOP) {
        int r = 0;
        if (m.code == CMD_POST) {
            struct msg out = { .code = (int32_t)m.w[1],
                               .w = { m.w[2], m.w[3] } };
            r = sys_post((int)m.w[0], &out, (int)m.w[4]);
        } else if (m.code == CMD_NOTIFY) {
            for (uint32_t i = 0; i < m.w[1] && r == 0; i++)
                r = sys_notify((int)m.w[0]);
        } else {
            r = -EINVAL;
        }
        m.w[0] = (uint32_t)r;
        from = sys_respond_receive(from, &m, ANY, TIMEOUT_NEVER);
    }
    if (from > 0)
        sys_respond(from, &m);
    return 0;
}
