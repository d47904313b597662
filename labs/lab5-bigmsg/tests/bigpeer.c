/*
 * bigpeer.c (lab 5 helper): the other side of most lab 5 tests. It does
 * what its parent (or any process) asks, one request at a time, and
 * answers with the result (the PEER_ commands of lab5test.h), so that the
 * test decides the exact order of everything. It keeps the region of the
 * last big message it took. A receive that fails (a region that did not
 * fit its window), or an echo that could not be delivered, is remembered
 * for PEER_LAST.
 *
 * With port=1 (and tell=PID) it serves through a port instead (lab 4's
 * ports, with lab 5's regions): it creates an open port, sends its number
 * to PID in w[0], and takes its commands with port_receive, answering
 * with port_respond_receive.
 */
#include "lab5test.h"

static uint8_t *region;
static uint32_t region_len;
static int last_error;

static int mapped_pages(void)
{
    int n = 0;
    for (uint32_t i = 0; i < WIN_PAGES; i++)
        n += sys_pageinfo(WIN + i * PAGE) != 0;
    return n;
}

/* Nonzero bytes in the pages the region lies in, outside it. */
static int outside(void)
{
    uint8_t *first = (uint8_t *)((uint32_t)region & ~(PAGE - 1));
    uint8_t *end = (uint8_t *)(((uint32_t)region + region_len + PAGE - 1) &
                               ~(PAGE - 1));
    int n = 0;
    for (uint8_t *p = first; p < region; p++)
        n += *p != 0;
    for (uint8_t *p = region + region_len; p < end; p++)
        n += *p != 0;
    return n;
}

/* Send our region to dst (a pid, or with FWD_PORT a port's number) as a
 * message of its own: by post (FWD_POST: never blocks, before our reply,
 * whose w0 is its result; with FWD_LATE after the reply and a tick), or
 * by send (after our reply, so that whoever asked is not held up; a
 * failure is remembered for PEER_LAST). */
static int forward(uint32_t dst, uint32_t mode, uint32_t how)
{
    if (how & FWD_LATE)
        sys_sleep(1);
    struct msg m = { .code = PEER_TAKE, .w = { sum_bytes(region,
                                                         region_len) } };
    big_attach(&m, region, region_len, mode);
    int port = how & FWD_PORT, r;
    if (how & FWD_POST)
        return port ? sys_port_post((int)dst, &m, TIMEOUT_POLL)
                    : sys_post((int)dst, &m, TIMEOUT_POLL);
    r = port ? sys_port_send((int)dst, &m, TIMEOUT_NEVER)
             : sys_send((int)dst, &m, TIMEOUT_NEVER);
    if (r < 0)
        last_error = r;
    return r;
}

/* Is a PEER_FORWARD with flags how made after our reply? */
static int late(uint32_t how)
{
    return !(how & FWD_POST) || (how & FWD_LATE);
}

/* Do command m; fill in the reply. */
static void obey(struct msg *m)
{
    uint32_t a = m->w[0], b = m->w[1], c = m->w[2];
    int32_t r = 0;
    switch (big_code(m)) {
    case PEER_WINDOW:
        r = sys_window(a ? WIN : 0, a * PAGE);
        break;
    case PEER_TAKE:
        region = big_data(m);
        region_len = big_len(m);
        m->w[1] = (uint32_t)(region - WIN);
        m->w[2] = region_len;
        r = (int32_t)sum_bytes(region, region_len);
        break;
    case PEER_PEEK:
        r = region[a];
        break;
    case PEER_POKE:
        region[a] = (uint8_t)b;
        break;
    case PEER_INFO:
        r = sys_pageinfo(region + a);
        break;
    case PEER_MAPPED:
        r = mapped_pages();
        break;
    case PEER_UNMAP:
        r = sys_unmap(WIN, WIN_PAGES * PAGE);
        break;
    case PEER_ECHO:
        r = (int32_t)sum_bytes(region, region_len);
        big_attach(m, region, region_len, a);
        break;
    case PEER_LAST:
        r = last_error;
        last_error = 0;
        break;
    case PEER_OUTSIDE:
        r = outside();
        break;
    case PEER_SUM:
        r = (int32_t)sum_bytes(region, region_len);
        break;
    case PEER_FORWARD:                  /* a send: after the reply */
        r = late(c) ? 0 : forward(a, b, c);
        break;
    default:
        r = -EINVAL;
    }
    if (big_code(m) != PEER_ECHO)
        m->code = 0;
    m->w[0] = (uint32_t)r;
}

/* The port mode: commands through our own port. */
static int serve_port(int tell)
{
    struct msg m = { .code = 0 };
    int port = sys_port_create(PORT_OPEN);
    m.w[0] = (uint32_t)port;
    if (port < 0 || sys_send(tell, &m, TIMEOUT_NEVER) < 0)
        return 1;
    int r = sys_port_receive(port, &m, TIMEOUT_NEVER);
    for (;;) {
        if (r < 0) {            /* a region that did not fit, say */
            last_error = r;
            r = sys_port_receive(port, &m, TIMEOUT_NEVER);
            continue;
        }
        int from = m.sender;
        int32_t code = big_code(&m);
        int fwd = code == PEER_FORWARD && late(m.w[2]);
        uint32_t dst = m.w[0], mode = m.w[1], how = m.w[2];
        if (code == PEER_STOP) {
            sys_respond(from, &m);
            return 0;
        }
        obey(&m);
        if (fwd) {
            sys_respond(from, &m);
            forward(dst, mode, how);
            r = sys_port_receive(port, &m, TIMEOUT_NEVER);
        } else {
            /* The reply and the next command in one call; an echo that
             * does not fit fails the call, remembered like any error. */
            r = sys_port_respond_receive(from, &m, port, TIMEOUT_NEVER);
        }
    }
}

int main(int argc, char **argv)
{
    if (arg_uint(argc, argv, "port", 0))
        return serve_port((int)arg_uint(argc, argv, "tell", 0));
    struct msg m;
    int commander = ANY, failed = 0;
    for (;;) {
        /* After a failed receive, a big message that did not fit may be
         * first in line: take the next command from whoever gave the
         * last one (it may open a bigger window). */
        int from = sys_receive(failed ? commander : ANY, &m, TIMEOUT_NEVER);
        failed = from < 0;
        if (failed) {
            last_error = from;
            continue;
        }
        commander = from;
        if (big_code(&m) == PEER_STOP) {
            sys_respond(from, &m);
            return 0;
        }
        int fwd = big_code(&m) == PEER_FORWARD && late(m.w[2]);
        uint32_t dst = m.w[0], mode = m.w[1], how = m.w[2];
        int echo = big_code(&m) == PEER_ECHO;
        obey(&m);
        int r = sys_respond(from, &m);  /* ENOTCONN if not a request */
        if (echo && r < 0)
            last_error = r;         /* the region did not fit, say */
        if (fwd)
            forward(dst, mode, how);
    }
}
