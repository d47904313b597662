/*
 * trace.c: with trace=1 on the command line, every IPC event becomes a
 * line "trace| t=TICK ev=EVENT a=PID b=PID code=N res=R", apart from the
 * test's own output; tools/trace.py turns them into a sequence chart.
 * Lab 2, provided.
 */
#include "kernel.h"
#include "cmdline.h"
#include "console.h"
#include "fmt.h"
#include "ipc.h"
#include "timer.h"

int ipc_tracing;

void ipc_trace_init(void)
{
    ipc_tracing = cmdline_uint("trace", 0) != 0;
}

static void emit(const char *text)
{
    console_line("trace", text, (int)strlen(text));
}

void ipc_trace_ids_event(const char *event, int a, int b, int32_t code,
                         int result)
{
    char line[120];
    fmt_snprintf(line, sizeof(line), "t=%u ev=%s a=%d b=%d code=%d res=%s",
                 timer_ticks(), event, a, b, (int)code,
                 result < 0 ? errno_name(result) : "ok");
    emit(line);
}

/* Lab 5: a big message's region, as " big=LEN mode=NAME" ("" if m is
 * not big). */
static const char *big_text(const struct msg *m, char *buf, int size)
{
    static const char *const modes[] = { "?", "copy", "share-ro",
                                         "share-rw", "move", "cow" };
    buf[0] = 0;
    if (IPC_BIG(m)) {
        uint32_t mode = m->w[BIG_MODE];
        fmt_snprintf(buf, size, " big=%u mode=%s", m->w[BIG_LEN],
                     modes[mode < ARRAY_LEN(modes) ? mode : 0]);
    }
    return buf;
}

void ipc_trace_msg_event(const char *event, int a, int b,
                         const struct msg *m, int result)
{
    char line[160], big[40];
    fmt_snprintf(line, sizeof(line),
                 "t=%u ev=%s a=%d b=%d code=%d res=%s w0=%u%s",
                 timer_ticks(), event, a, b, (int)m->code,
                 result < 0 ? errno_name(result) : "ok", m->w[0],
                 big_text(m, big, sizeof(big)));
    emit(line);
}

void ipc_trace_obj_event(const char *event, int a, int b, const char *key,
                         int32_t obj, const struct msg *m, int32_t code,
                         int result)
{
    char line[200], word[24] = "", big[40] = "";
    if (m) {
        fmt_snprintf(word, sizeof(word), " w0=%u", m->w[0]);
        big_text(m, big, sizeof(big));
    }
    fmt_snprintf(line, sizeof(line), "t=%u ev=%s a=%d b=%d code=%d res=%s%s "
                 "%s=%d%s", timer_ticks(), event, a, b,
                 (int)(m ? m->code : code),
                 result < 0 ? errno_name(result) : "ok", word, key, (int)obj,
                 big);
    emit(line);
}

void ipc_trace_event(const char *event, const struct proc *a,
                     const struct proc *b, int32_t code, int result)
{
    ipc_trace_ids_event(event, a ? a->pid : 0, b ? b->pid : 0, code,
                        result);
}

void ipc_trace_spawn(const struct proc *p)
{
    if (!ipc_tracing)
        return;
    char line[80];
    fmt_snprintf(line, sizeof(line), "t=%u ev=spawn a=%d name=%s",
                 timer_ticks(), p->pid, p->name);
    emit(line);
}

void ipc_trace_exit(const struct proc *p, int status)
{
    if (!ipc_tracing)
        return;
    char line[80];
    fmt_snprintf(line, sizeof(line), "t=%u ev=exit a=%d status=%d",
                 timer_ticks(), p->pid, status);
    emit(line);
}
