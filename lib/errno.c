/*
 * errno.c: names of error codes, for readable messages. Provided.
 */
#include "errno.h"

/* A value that names no error, as a decimal number: a few buffers in
 * turn, so that one printf may show several. */
static const char *errno_number(int value)
{
    static char bufs[4][12];
    static unsigned next;
    char *end = bufs[next++ % 4] + 11;
    unsigned u = value < 0 ? 0u - (unsigned)value : (unsigned)value;
    *end = 0;
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (value < 0)
        *--end = '-';
    return end;
}

const char *errno_name(int err)
{
    static const struct { int code; const char *name; } names[] = {
        { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
        { EINTR, "EINTR" }, { EBADF, "EBADF" }, { ECHILD, "ECHILD" },
        { EAGAIN, "EAGAIN" }, { EACCES, "EACCES" }, { EEXIST, "EEXIST" },
        { EMFILE, "EMFILE" }, { EIDRM, "EIDRM" }, { EMSGSIZE, "EMSGSIZE" },
        { ENOMEM, "ENOMEM" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
        { EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { EPIPE, "EPIPE" },
        { EDEADLK, "EDEADLK" }, { ENAMETOOLONG, "ENAMETOOLONG" },
        { ENOSYS, "ENOSYS" }, { ELOOP, "ELOOP" }, { EDQUOT, "EDQUOT" },
        { ENOTCONN, "ENOTCONN" }, { ENOBUFS, "ENOBUFS" },
        { ETIMEDOUT, "ETIMEDOUT" },
    };
    if (err >= 0)
        return errno_number(err);
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].code == -err)
            return names[i].name;
    return errno_number(err);
}
