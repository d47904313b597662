/*
 * errno.c: names of error codes, for readable messages. Provided.
 */
#include "errno.h"

const char *errno_name(int err)
{
    static const struct { int code; const char *name; } names[] = {
        { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
        { EINTR, "EINTR" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
        { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
        { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EMSGSIZE, "EMSGSIZE" },
        { EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { EPIPE, "EPIPE" },
        { EDEADLK, "EDEADLK" }, { ENAMETOOLONG, "ENAMETOOLONG" },
        { ENOSYS, "ENOSYS" }, { ELOOP, "ELOOP" }, { EDQUOT, "EDQUOT" },
        { ENOTCONN, "ENOTCONN" }, { ENOBUFS, "ENOBUFS" },
        { ETIMEDOUT, "ETIMEDOUT" },
    };
    if (err < 0)
        err = -err;
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].code == err)
            return names[i].name;
    return "E?";
}
