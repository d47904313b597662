/*
 * errno.c: names of error codes, for readable messages. Provided.
 */
#include "errno.h"

const char *errno_name(int err)
{
    static const struct { int code; const char *name; } names[] = {
        { EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
        { EINTR, "EINTR" }, { EBADF, "EBADF" }, { ECHILD, "ECHILD" },
        { EAGAIN, "EAGAIN" }, { EACCES, "EACCES" }, { EEXIST, "EEXIST" },
        { EMFILE, "EMFILE" }, { EIDRM, "EIDRM" },
        { ENOMEM, "ENOMEM" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
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
