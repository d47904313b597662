/*
 * printf.c: formatted output for user programs, in chunks through the
 * write system call. Provided.
 */
#include "kit.h"

struct outbuf {
    char buf[256];
    unsigned len;
};

static void flush(struct outbuf *o)
{
    if (o->len > 0)
        sys_write(o->buf, o->len);
    o->len = 0;
}

static void put(char c, void *arg)
{
    struct outbuf *o = arg;
    if (o->len == sizeof(o->buf))
        flush(o);
    o->buf[o->len++] = c;
}

int printf(const char *fmt, ...)
{
    struct outbuf o = { .len = 0 };
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vformat(put, &o, fmt, ap);
    va_end(ap);
    flush(&o);
    return n;
}

int puts(const char *s)
{
    return printf("%s\n", s);
}
