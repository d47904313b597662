/*
 * proc.c: the process table and a process's life: spawn from a program in
 * the boot image, exit, kill, and reaping by the parent. Provided.
 */
#include "kernel.h"
#include "console.h"
#include "elf.h"
#include "fmt.h"
#include "frame.h"
#include "kinfo.h"
#include "prog.h"
#include "proc.h"
#include "sched.h"
#include "test.h"
#include "usercopy.h"
#include "vm.h"
#include "ipc_hooks.h"

#define MAX_ARGS 16

struct proc proc_slots[NPROC];
static int next_pid = 1;

struct proc *proc_table(void)
{
    return proc_slots;
}

static int alive(const struct proc *p)
{
    return p->state != P_UNUSED && p->state != P_ZOMBIE;
}

int proc_count(void)
{
    int n = 0;
    for (int i = 0; i < NPROC; i++)
        n += proc_slots[i].state != P_UNUSED;
    return n;
}

/* Give back everything a slot holds and mark it unused. */
static void slot_free(struct proc *p)
{
    if (p->pgdir)
        vm_destroy(p->pgdir);
    if (p->kstack)
        frame_unref((uint32_t)p->kstack);
    memset(p, 0, sizeof(*p));
}

int proc_reap(struct proc *child)
{
    int pid = child->pid;
    slot_free(child);
    return pid;
}

/*
 * Lay out argc and argv on the new process's stack as if _start(argc,
 * argv) had been called: [esp] = return address 0, [esp+4] = argc,
 * [esp+8] = argv, then the argv array, then the strings.
 */
static int push_args(struct proc *p, const char *args, uint32_t *esp_out)
{
    char buf[PROC_NAME_MAX + 1 + PROC_ARGS_MAX];
    uint32_t argv[MAX_ARGS + 1];
    int argc = 0;
    size_t len = (size_t)fmt_snprintf(buf, sizeof(buf), "%s %s", p->name,
                                      args ? args : "");
    len = MIN(len, sizeof(buf) - 1);
    uint32_t base = USER_TOP - PAGE_ROUND_UP(len + 1);
    for (size_t i = 0; i < len; i++) {
        int starts = buf[i] != ' ' && (i == 0 || buf[i - 1] == '\0');
        if (buf[i] == ' ')
            buf[i] = '\0';
        else if (starts && argc < MAX_ARGS)
            argv[argc++] = base + (uint32_t)i;
    }
    argv[argc] = 0;
    uint32_t frame[3] = { 0, (uint32_t)argc, 0 };
    uint32_t argv_at = base - sizeof(uint32_t) * (MAX_ARGS + 1);
    uint32_t esp = argv_at - sizeof(frame);
    frame[2] = argv_at;
    if (copy_out(p, base, buf, (uint32_t)len + 1) < 0 ||
        copy_out(p, argv_at, argv,
                 sizeof(uint32_t) * (uint32_t)(argc + 1)) < 0 ||
        copy_out(p, esp, frame, sizeof(frame)) < 0)
        return -ENOMEM;
    *esp_out = esp;
    return 0;
}

/* Build the kernel stack so that the first swtch() to p "returns" through
 * trapret into user mode at 'entry' with stack pointer 'esp'. */
static void setup_kstack(struct proc *p, uint32_t entry, uint32_t esp)
{
    uint8_t *sp = p->kstack + PAGE_SIZE;
    sp -= sizeof(struct trapframe);
    p->tf = (struct trapframe *)sp;
    p->tf->cs = SEG_UCODE;
    p->tf->ds = p->tf->es = p->tf->fs = p->tf->gs = SEG_UDATA;
    p->tf->ss = SEG_UDATA;
    p->tf->eflags = 0x200;                 /* interrupts on */
    p->tf->eip = entry;
    p->tf->esp = esp;
    sp -= sizeof(struct context);
    p->ctx = (struct context *)sp;
    p->ctx->eip = (uint32_t)trapret;
}

/*
 * A free slot, with a new pid. A pid is never reused in a run, and pid
 * modulo NPROC is its slot, so proc_find is one look, not a search.
 */
static struct proc *slot_alloc(void)
{
    for (int n = 0; n < NPROC; n++) {
        int pid = next_pid + n;
        struct proc *p = &proc_slots[(uint32_t)pid % NPROC];
        if (p->state == P_UNUSED) {
            memset(p, 0, sizeof(*p));
            p->state = P_EMBRYO;
            p->pid = pid;
            next_pid = pid + 1;
            return p;
        }
    }
    return NULL;
}

int proc_spawn(const char *name, const char *args, struct proc *parent)
{
    const struct prog *prog = prog_find(name);
    if (!prog)
        return -ENOENT;
    struct proc *p = slot_alloc();
    if (!p)
        return -EAGAIN;
    strlcpy(p->name, name, sizeof(p->name));
    fpu_state_init(&p->fpu);
    uint32_t entry, esp;
    int err = -ENOMEM;
    p->kstack = (uint8_t *)frame_alloc();
    p->pgdir = vm_create();
    if (!p->kstack || !p->pgdir)
        goto fail;
    err = elf_load(p->pgdir, prog->start, prog_size(prog), &entry);
    if (err < 0)
        goto fail;
    err = vm_alloc_range(p->pgdir, USER_TOP - USER_STACK_PAGES * PAGE_SIZE,
                         USER_STACK_PAGES * PAGE_SIZE, PTE_U | PTE_W);
    if (err < 0 || (err = push_args(p, args, &esp)) < 0)
        goto fail;
    setup_kstack(p, entry, esp);
    p->parent = parent;
    p->state = P_RUNNABLE;
    ipc_spawned(p);
    return p->pid;
fail:
    slot_free(p);
    return err;
}

/* Send out what is left of p's last console line. */
static void flush_line(struct proc *p)
{
    if (p->line_len > 0) {
        char who[PROC_NAME_MAX + 12];
        fmt_snprintf(who, sizeof(who), "%s.%d", p->name, p->pid);
        console_line(who, p->line, p->line_len);
        p->line_len = 0;
    }
}

/* p's children lose their parent; those already dead are freed. */
static void orphan_children(struct proc *p)
{
    for (int i = 0; i < NPROC; i++) {
        struct proc *c = &proc_slots[i];
        if (c->state == P_UNUSED || c->parent != p)
            continue;
        c->parent = NULL;
        if (c->state == P_ZOMBIE)
            slot_free(c);
    }
}

void proc_exit(int status)
{
    struct proc *p = proc_current();
    flush_line(p);
    ipc_exiting(p, status);
    vm_switch(vm_kernel_pgdir());
    vm_destroy(p->pgdir);
    p->pgdir = NULL;
    orphan_children(p);
    p->exit_status = status;
    p->state = P_ZOMBIE;
    if (test_is_init(p))
        test_init_exited(status);
    if (p->parent && p->parent->blocked_on == B_WAIT)
        proc_wake(p->parent, 0);
    sched();
    panic("a zombie ran");
}

/* The scheduler frees a dead process with no parent once off its stack. */
void proc_release_if_orphan(struct proc *p)
{
    if (p->state == P_ZOMBIE && p->parent == NULL)
        slot_free(p);
}

void proc_kill(struct proc *p)
{
    p->killed = 1;
    if (p->state == P_BLOCKED)
        proc_wake(p, -EINTR);
}

void proc_kill_all(void)
{
    for (int i = 0; i < NPROC; i++)
        if (alive(&proc_slots[i]))
            proc_kill(&proc_slots[i]);
}

/* Whom a blocked p waits for, as "3" or "ANY"; "" when it is not an IPC
 * wait. */
static const char *proc_partner_text(const struct proc *p, char *buf,
                                     int size)
{
    int pid = ipc_waits_on(p);
    buf[0] = 0;
    if (pid == 0)
        fmt_snprintf(buf, size, " %s", "ANY");
    else if (pid > 0)
        fmt_snprintf(buf, size, " %d", pid);
    return buf;
}

void proc_dump(void)
{
    static const char *const state_names[] = {
        "unused", "starting", "runnable", "running", "blocked", "zombie" };
    static const char *const why_names[] = {
        "", "sleeping", "waiting for a child", "sending to",
        "receiving from", "waiting for the reply of", "waiting for room at",
        "sending through a port of", "receiving on a port from",
        "waiting for room at a port of", "receiving from a mailbox",
        "waiting for room in a mailbox" };
    char partner[16];
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &proc_slots[i];
        if (p->state == P_UNUSED)
            continue;
        const char *why = p->state == P_BLOCKED ? why_names[p->blocked_on]
                                                : "";
        kprintf("  pid %d %s: %s%s%s%s\n", p->pid, p->name,
                state_names[p->state], *why ? ", " : "", why,
                p->state == P_BLOCKED ? proc_partner_text(p, partner,
                                                          sizeof(partner))
                                      : "");
    }
}
