/*
 * aserver.c (lab 3 helper): a server on arpc_serve. Code 1 asks for
 * 3 * w[0] + 1; code 3 asks the same of a slow server: it sleeps w[1]
 * ticks, notifies the caller, sleeps w[2] ticks, then answers; code 2 is
 * spam, counted and not answered; code 0 stops it, and its reply carries
 * the requests answered (w[0]) and the spam seen (w[1]).
 */
#include "lab3test.h"
#include "async.h"

static uint32_t answered, spam;

static int handle(struct msg *m)
{
    switch (m->code) {
    case 3:
        sys_sleep((int)m->w[1]);
        sys_notify(m->sender);
        sys_sleep((int)m->w[2]);
        /* fall through */
    case 1:
        answered++;
        m->w[0] = 3 * m->w[0] + 1;
        return ARPC_REPLY;
    case 0:
        m->w[0] = answered;
        m->w[1] = spam;
        return ARPC_STOP;
    default:
        spam++;
        return ARPC_NOREPLY;
    }
}

int main(void)
{
    return arpc_serve(handle) < 0;
}
