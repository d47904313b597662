/*
 * usercopy.h: the only way the kernel touches user memory. Every address
 * and length from user space is checked against the process's own page
 * tables first, so no user input can make the kernel fault or read or
 * write kernel memory. Provided.
 */
#ifndef KERNEL_USERCOPY_H
#define KERNEL_USERCOPY_H

#include "kernel.h"

struct proc;

/* True if [va, va+n) lies in p's user space, every page present and user
 * accessible (and writable, with 'write'). n = 0 is always fine. With
 * 'write', a copy-on-write page (lab 5) counts as writable: it gets its
 * own frame here (and the answer is false if no frame is left). */
int user_range_ok(struct proc *p, uaddr_t va, uint32_t n, int write);

/* copy_in: n bytes from p's address va into kernel buffer dst.
 * Returns 0, or -EFAULT (and copies nothing) if the range is not valid. */
int copy_in(struct proc *p, void *dst, uaddr_t va, uint32_t n);

/* copy_out: n bytes from kernel buffer src to p's address va.
 * Returns 0, or -EFAULT (and writes nothing) if the range is not valid. */
int copy_out(struct proc *p, uaddr_t va, const void *src, uint32_t n);

/* copy_in_str: a NUL-terminated string from va into dst (size max).
 * Returns its length, -EFAULT for a bad address, or -ENAMETOOLONG when no
 * NUL comes within max - 1 characters. */
int copy_in_str(struct proc *p, char *dst, uaddr_t va, uint32_t max);

/* user_ptr: the kernel address of [va, va+n) in p when that range lies in
 * one page that is present and user accessible (and writable, with
 * 'write'); NULL otherwise. For small objects on fast paths (a message):
 * the caller falls back to copy_in/copy_out when it gets NULL. */
void *user_ptr(struct proc *p, uaddr_t va, uint32_t n, int write);

#endif /* KERNEL_USERCOPY_H */
