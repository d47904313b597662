/*
 * syscons.c: the write system call, a process's way to the console. Each
 * process's output is gathered into whole lines, and each line goes out
 * framed as "NAME.PID| TEXT", so two processes never mix within a line.
 * Lab 1 (the first system call).
 */
#include "kernel.h"
#include "console.h"
#include "fmt.h"
#include "proc.h"
#include "syscall.h"
#include "usercopy.h"

#define WRITE_MAX 4096       /* longest write accepted, in bytes */

static void put_line(struct proc *p)
{
    char who[PROC_NAME_MAX + 12];
    fmt_snprintf(who, sizeof(who), "%s.%d", p->name, p->pid);
    console_line(who, p->line, p->line_len);
    p->line_len = 0;
}

/*
 * write(buf, n): print n bytes from buf on the console. Returns n;
 * -EINVAL if n > WRITE_MAX (and then prints nothing); -EFAULT if any byte
 * of buf is not readable user memory (and then prints nothing).
 * Does not block.
 */
int32_t sys_write(uaddr_t buf, uint32_t n)
{
    struct proc *p = proc_current();
#ifdef SOL_LAB1
    char chunk[256];
    if (n > WRITE_MAX)
        return -EINVAL;
    if (!user_range_ok(p, buf, n, 0))
        return -EFAULT;
    for (uint32_t done = 0; done < n;) {
        uint32_t k = MIN(n - done, sizeof(chunk));
        copy_in(p, chunk, buf + done, k);
        for (uint32_t i = 0; i < k; i++) {
            if (chunk[i] == '\n' || p->line_len == PROC_LINE_MAX)
                put_line(p);
            if (chunk[i] != '\n')
                p->line[p->line_len++] = chunk[i];
        }
        done += k;
    }
    return (int32_t)n;
#else
    /* LAB 1: your code here. */
    (void)p; (void)buf; (void)n; (void)put_line;
    return -ENOSYS;
#endif
}
