/*
 * faults.c (lab 1 test): each kind of user fault kills only the faulting
 * process, with a readable report, while another process runs on. The
 * fault kinds come from 'modes=' (a comma-separated list); the seed is
 * passed on to each (mode regs draws register values from it).
 */
#include "kit.h"

int main(int argc, char **argv)
{
    const char *modes = arg_get(argc, argv, "modes");
    int spinner = spawn_or_die("spin", "n=6 gap=3");
    char mode[16];
    while (modes && *modes) {
        size_t len = 0;
        while (modes[len] && modes[len] != ',' && len < sizeof(mode) - 1)
            len++;
        memcpy(mode, modes, len);
        mode[len] = '\0';
        modes += modes[len] == ',' ? len + 1 : len;

        char args[48];
        fmt_snprintf(args, sizeof(args), "mode=%s seed=%u", mode,
                     arg_uint(argc, argv, "seed", 1));
        int pid = spawn_or_die("crash", args);
        int status = 0;
        int r = sys_wait(pid, &status);
        printf("crash %s: wait=%s status=%d\n", mode,
               r == pid ? "ok" : errno_name(r), status);
        sys_sleep(1);
    }
    int status = -1;
    sys_wait(spinner, &status);
    printf("spin exited status=%d\n", status);
    return 0;
}
