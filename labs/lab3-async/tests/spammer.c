/*
 * spammer.c (lab 3 helper): posts as fast as it can, never waiting.
 *   mode=spam: polls to dst= (code 2) until the parent notifies it (or
 *     n= of them); prints how they ended.
 *   mode=flood: n= polls to each of count= processes with consecutive
 *     pids from first=; then tells process to= (with send: it needs no
 *     memory) how they ended: w[0] accepted, w[1] ENOBUFS, w[2] EAGAIN
 *     (a box full), w[3] other errors.
 */
#include "lab3test.h"

int main(int argc, char **argv)
{
    const char *mode = arg_get(argc, argv, "mode");
    uint32_t n = arg_uint(argc, argv, "n", 1000);
    struct msg m = { .code = 2 };
    if (mode && strcmp(mode, "flood") == 0) {
        int first = (int)arg_uint(argc, argv, "first", 0);
        int count = (int)arg_uint(argc, argv, "count", 1);
        struct msg report = { .code = 0 };
        for (int p = first; p < first + count; p++)
            for (uint32_t i = 0; i < n; i++) {
                int r = sys_post(p, &m, TIMEOUT_POLL);
                report.w[r == 0 ? 0 : r == -ENOBUFS ? 1
                         : r == -EAGAIN ? 2 : 3]++;
            }
        return sys_send((int)arg_uint(argc, argv, "to", 1), &report,
                        TIMEOUT_NEVER);
    }
    int dst = (int)arg_uint(argc, argv, "dst", 1);
    uint32_t ok = 0, again = 0, other = 0;
    if (!arg_get(argc, argv, "n"))
        n = 2000000;
    for (uint32_t i = 0; i < n; i++) {
        struct msg stop;
        if (i % 64 == 0 && sys_receive(ANY, &stop, TIMEOUT_POLL) > 0 &&
            stop.code == MSG_NOTIFY)
            break;
        int r = sys_post(dst, &m, TIMEOUT_POLL);
        if (r == 0)
            ok++;
        else if (r == -EAGAIN)
            again++;
        else
            other++;
    }
    printf("spammer: refused with EAGAIN: %s, other errors: %u\n",
           again > ok ? "mostly" : again ? "some" : "never", other);
    printf("spammer: %u posts accepted, %u refused\n", ok, again);
    return 0;
}
