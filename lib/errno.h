/*
 * errno.h: the error codes system calls return, as negative numbers
 * (a call returns -EFAULT, say). The values are Linux's. Shared by the
 * kernel and user space; each code's meaning per call is in the handout.
 */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H

#define EPERM        1    /* not allowed */
#define ENOENT       2    /* no such program or object */
#define ESRCH        3    /* no such process */
#define EINTR        4    /* interrupted: the caller was killed */
#define EBADF        9    /* not a live port or mailbox number */
#define ECHILD      10    /* no child to wait for */
#define EAGAIN      11    /* would block, and the caller asked not to */
#define ENOMEM      12    /* out of memory */
#define EACCES      13    /* not allowed: the port's owner does not let you
                             send (lab 4), the memory does not allow it
                             (lab 5) */
#define EFAULT      14    /* bad user pointer */
#define EBUSY       16    /* resource busy */
#define EEXIST      17    /* already there: a mailbox held already (lab 4),
                             pages already mapped (lab 5) */
#define EINVAL      22    /* invalid argument */
#define EMFILE      24    /* too many ports or mailboxes for one process */
#define ENOSPC      28    /* no room left */
#define EPIPE       32    /* the partner died */
#define EDEADLK     35    /* would deadlock */
#define ENAMETOOLONG 36   /* a name or string too long */
#define ENOSYS      38    /* no such system call */
#define ELOOP       40    /* the partner is yourself */
#define EIDRM       43    /* the port or mailbox was destroyed */
#define EMSGSIZE    90    /* too big: a region larger than allowed, or than
                             the receive window (lab 5) */
#define EDQUOT     122    /* over quota */
#define ENOBUFS    105    /* the kernel's message memory is used up */
#define ENOTCONN   107    /* that process is not waiting for your reply */
#define ETIMEDOUT  110    /* the timeout expired */

/* errno_name: the name of a negative error code ("EFAULT" for -14); any
 * other value as a decimal number ("0", "3", "-999"), so that a result that
 * is not an error (a pid, 0) prints as what it is. The text stays valid for
 * three more calls. */
const char *errno_name(int err);

#endif /* LIB_ERRNO_H */
