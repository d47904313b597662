/*
 * bigstress.c (lab 5 test): four senders and three receivers, all at
 * once, under the timer. Each sender makes 30 transfers, each with a
 * call (send, post, request), a mode, a size, an in-page offset and a
 * receiver drawn from its seed; every message carries its region's
 * checksum. Receivers open windows of sizes drawn from their seeds (too
 * small now and then: the transfer is then refused on both sides) and
 * check every region they get; a request's reply carries the region
 * back, in a mode drawn by the receiver, and the sender checks it too.
 * In the end every transfer was accepted or refused for its size, every
 * accepted one was delivered intact, and nothing is pinned or leaked.
 */
#include "lab5test.h"

#define SENDERS   4
#define RECEIVERS 3
#define TRANSFERS 30
#define MAX_PAGES 16
#define CODE_DATA 1
#define CODE_STOP 2

static int sender(int first, uint32_t seed)
{
    struct rng r;
    rng_init(&r, seed);
    int accepted = 0, refused = 0, other = 0, echoes = 0, bad = 0;
    for (int i = 0; i < TRANSFERS; i++) {
        int dst = first + (int)rng_below(&r, RECEIVERS);
        uint32_t call = rng_below(&r, 3), mode = BIG_COPY + rng_below(&r, 5);
        uint32_t off = rng_below(&r, 3) ? rng_below(&r, PAGE) : 0;
        uint32_t len = 1 + rng_below(&r, MAX_PAGES * PAGE - off);
        sys_map(BUF, (MAX_PAGES + 1) * PAGE, MAP_WRITE);
        fill(BUF, (MAX_PAGES + 1) * PAGE, &r);
        struct msg m = { .code = CODE_DATA,
                         .w = { sum_bytes(BUF + off, len) } };
        big_attach(&m, BUF + off, len, mode);
        int e;
        if (call == 0) {
            e = sys_send(dst, &m, TIMEOUT_NEVER);
        } else if (call == 1) {
            while ((e = sys_post(dst, &m, TIMEOUT_NEVER)) == -EDQUOT)
                sys_sleep(1);
        } else {
            sys_window(WIN, (MAX_PAGES + 1) * PAGE);
            uint32_t sum = m.w[0];
            e = sys_request(dst, &m, TIMEOUT_NEVER);
            if (e == 0 && msg_is_big(&m)) {
                echoes++;
                bad += sum_bytes(big_data(&m), big_len(&m)) != sum;
            }
            sys_window(0, 0);
            sys_unmap(WIN, (MAX_PAGES + 1) * PAGE);
        }
        accepted += e == 0;
        refused += e == -EMSGSIZE;
        other += e != 0 && e != -EMSGSIZE;
        sys_unmap(BUF, (MAX_PAGES + 1) * PAGE);
    }
    printf("sender: %d accepted, %d refused for their size, %d other "
           "errors; %d echoes, %d bad\n", accepted, refused, other, echoes,
           bad);
    return accepted;
}

static int receiver(uint32_t seed)
{
    struct rng r;
    rng_init(&r, seed);
    int got = 0, bad = 0, stopped = 0;
    for (;;) {
        uint32_t pages = 1 + rng_below(&r, 2 * MAX_PAGES + 1);
        sys_window(WIN, pages * PAGE);
        struct msg m;
        int from = sys_receive(ANY, &m, stopped ? TIMEOUT_POLL : 50);
        if (from == -EAGAIN || from == -ETIMEDOUT) {
            if (stopped)
                break;
            continue;
        }
        if (from < 0)
            continue;                           /* it did not fit */
        if (big_code(&m) == CODE_STOP) {
            stopped = 1;
            continue;
        }
        got++;
        bad += sum_bytes(big_data(&m), big_len(&m)) != m.w[0];
        if (m.w[BIG_MODE] != BIG_SHARE_RO) {    /* a write (a copy, */
            big_data(&m)[0] ^= 0x55;            /* copy-on-write), and */
            big_data(&m)[0] ^= 0x55;            /* undo it */
        }
        uint32_t mode = BIG_COPY + rng_below(&r, 5);
        struct msg reply = { .code = 0, .w = { m.w[0] } };
        big_attach(&reply, big_data(&m), big_len(&m), mode);
        /* A read-only share cannot go back writable (EACCES): then a
         * plain reply. ENOTCONN: it was no request. */
        if (sys_respond(from, &reply) == -EACCES) {
            reply.code = 0;
            sys_respond(from, &reply);
        }
        sys_unmap(WIN, (2 * MAX_PAGES + 1) * PAGE);
    }
    sys_window(0, 0);
    printf("receiver: %d regions, %d bad\n", got, bad);
    return got;
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "sender"))
        return sender((int)arg_uint(argc, argv, "sender", 0),
                      arg_uint(argc, argv, "seed", 1));
    if (arg_get(argc, argv, "receiver"))
        return receiver(arg_uint(argc, argv, "seed", 1));
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    int frames = sys_kinfo(KINFO_FRAMES_USED);
    int rpids[RECEIVERS], spids[SENDERS], accepted = 0, delivered = 0;
    for (int i = 0; i < RECEIVERS; i++)
        rpids[i] = spawnf("bigstress", "receiver=1 seed=%u", rng_next(&r));
    for (int i = 0; i < SENDERS; i++)
        spids[i] = spawnf("bigstress", "sender=%d seed=%u", rpids[0],
                          rng_next(&r));
    for (int i = 0; i < SENDERS; i++) {
        int status = 0;
        sys_wait(spids[i], &status);
        accepted += status;
    }
    for (int i = 0; i < RECEIVERS; i++) {
        struct msg stop = { .code = CODE_STOP };
        sys_post(rpids[i], &stop, TIMEOUT_NEVER);
    }
    for (int i = 0; i < RECEIVERS; i++) {
        int status = 0;
        sys_wait(rpids[i], &status);
        delivered += status;
    }
    printf("transfers accepted: %d, delivered: %d: %s\n", accepted,
           delivered, accepted == delivered ? "the same" : "different");
    printf("pinned: %d, frames as before: %s\n", sys_kinfo(KINFO_PINNED),
           sys_kinfo(KINFO_FRAMES_USED) == frames ? "yes" : "no");
    return 0;
}
