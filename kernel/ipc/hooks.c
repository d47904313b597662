/*
 * hooks.c: message passing's side of ipc_hooks.h, the core's one door
 * into kernel/ipc/. Each hook passes the event on to the labs of this
 * stage. Lab 2, provided.
 */
#include "cmdline.h"
#include "fastpath.h"
#include "ipc.h"
#include "ipc_hooks.h"
#include "kinfo.h"
#if LAB >= 3
#include "post.h"
#endif
#if LAB >= 4
#include "mbox.h"
#include "port.h"
#endif
#if LAB >= 5
#include "bigmsg.h"
#endif

void ipc_init(void)
{
    ipc_trace_init();
    /* Every event of a trace shows: the fast path would skip them. */
    fastpath_init(cmdline_uint("fastpath", 1) != 0 && !ipc_tracing);
#if LAB >= 3
    lossy_init();
#endif
}

void ipc_spawned(struct proc *p)
{
    ipc_trace_spawn(p);
}

void ipc_exiting(struct proc *p, int status)
{
    ipc_trace_exit(p, status);
    ipc_exit(p);
#if LAB >= 4
    port_exit(p);
    mbox_exit(p);
#endif
}

int ipc_kinfo(int32_t what, int32_t *value)
{
    switch (what) {
#if LAB >= 3
    case KINFO_MSGS_PEAK: *value = msgpool_peak(); return 1;
    case KINFO_MSGS_POOL: *value = MSG_POOL; return 1;
#endif
#if LAB >= 4
    case KINFO_PORTS: *value = port_count(); return 1;
    case KINFO_MBOXES: *value = mbox_count(); return 1;
    case KINFO_PORT_LIMIT: *value = PORT_PER_PROC; return 1;
    case KINFO_MBOX_LIMIT: *value = MBOX_PER_PROC; return 1;
    case KINFO_PORT_TABLE: *value = PORT_MAX; return 1;
    case KINFO_MBOX_TABLE: *value = MBOX_MAX; return 1;
#endif
#if LAB >= 5
    case KINFO_PINNED:      *value = (int32_t)pin_total(); return 1;
    case KINFO_PIN_QUOTA:   *value = PIN_QUOTA; return 1;
    case KINFO_PIN_MAX:     *value = PIN_MAX; return 1;
    case KINFO_PINNED_MINE:
        *value = (int32_t)proc_current()->ipc.big.pinned;
        return 1;
    case KINFO_BIG_COPIED:  *value = (int32_t)big_copied; return 1;
    case KINFO_BIG_MAPPED:  *value = (int32_t)big_mapped; return 1;
#endif
    default: (void)value; return 0;
    }
}

int ipc_waits_on(const struct proc *p)
{
    if (p->blocked_on < B_SEND || p->blocked_on == B_MBOX_RECV ||
        p->blocked_on == B_MBOX_ROOM)
        return -1;                  /* a mailbox has no one to wait for */
    return p->ipc.partner ? p->ipc.partner->pid : 0;
}

int ipc_reserved(const struct proc *p, uint32_t va, uint32_t len)
{
#if LAB >= 5
    return window_overlaps(p, va, len);
#else
    (void)p; (void)va; (void)len;
    return 0;
#endif
}
