/*
 * args.c: reading "key=value" program arguments, and spawning helpers for
 * test programs. Provided.
 */
#include "kit.h"

const char *arg_get(int argc, char **argv, const char *key)
{
    size_t klen = strlen(key);
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], key, klen) == 0 && argv[i][klen] == '=')
            return argv[i] + klen + 1;
    return NULL;
}

uint32_t arg_uint(int argc, char **argv, const char *key, uint32_t fallback)
{
    const char *v = arg_get(argc, argv, key);
    if (!v || !*v)
        return fallback;
    uint32_t n = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9')
            return fallback;
        n = n * 10 + (uint32_t)(*v - '0');
    }
    return n;
}

int spawn_or_die(const char *name, const char *args)
{
    int pid = sys_spawn(name, args);
    if (pid < 0) {
        printf("spawn %s failed: %s\n", name, errno_name(pid));
        sys_exit(1);
    }
    return pid;
}

int spawnf(const char *name, const char *fmt, ...)
{
    char args[120];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    return spawn_or_die(name, args);
}

const char *result_name(int r)
{
    return r >= 0 ? "ok" : errno_name(r);
}
