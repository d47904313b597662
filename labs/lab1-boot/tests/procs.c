/*
 * procs.c (lab 1 test): the process life cycle. Exit statuses reach the
 * parent; kill ends a sleeping child; a full process table says EAGAIN
 * and recovers; orphans are cleaned up. Values come from the seed.
 */
#include "kit.h"

static void exit_status(struct rng *r)
{
    int code = (int)rng_below(r, 200);
    char args[24];
    fmt_snprintf(args, sizeof(args), "code=%d", code);
    int pid = spawn_or_die("exiter", args);
    int status = -1;
    int got = sys_wait(-1, &status);
    printf("child exit code %d: waited %s, status %d\n", code,
           got == pid ? "right pid" : "wrong pid", status);
}

static void kill_sleeper(void)
{
    int pid = spawn_or_die("spin", "n=1 gap=100000");
    sys_sleep(2);
    int r = sys_kill(pid);
    int status = 0;
    int got = sys_wait(pid, &status);
    printf("kill sleeper: kill %d, wait %s, status %d\n", r,
           got == pid ? "ok" : errno_name(got), status);
}

static void fill_table(void)
{
    int pids[200], n = 0, err = 0;
    while (n < 200) {
        int pid = sys_spawn("spin", "n=1 gap=5");
        if (pid < 0) {
            err = pid;
            break;
        }
        pids[n++] = pid;
    }
    printf("table full: %s after some spawns: %s\n", errno_name(err),
           n > 10 ? "yes" : "no");
    int reaped = 0;
    for (int i = 0; i < n; i++)
        reaped += sys_wait(pids[i], 0) == pids[i];
    printf("all reaped: %s\n", reaped == n ? "yes" : "no");
    int pid = sys_spawn("exiter", "code=0");
    printf("spawn after: %s\n", pid > 0 ? "ok" : errno_name(pid));
    sys_wait(pid, 0);
}

int main(int argc, char **argv)
{
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 0));
    exit_status(&r);
    exit_status(&r);
    kill_sleeper();
    fill_table();
    spawn_or_die("orphaner", 0);   /* exits at once, leaving a child */
    printf("done, orphan left running\n");
    return 0;
}
