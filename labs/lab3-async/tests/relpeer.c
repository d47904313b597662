/*
 * relpeer.c (lab 3 helper): the receiving side of the relsend test,
 * scripted: it speaks the handout's wire format itself (relwire.h) to
 * the rel_send of process src=, and watches how it sends. It answers
 * like rel_recv (one acknowledgement each time its box runs empty), but
 * pretends to lose messages: the first copy of about one in ten (drawn
 * from seed=), and every copy of message 0 during its first HOLD turns.
 * Meanwhile it counts, until it takes a nap halfway:
 *
 *   - duplicates: copies of messages it already held, which a sender
 *     that heeds acknowledgements (cumulative and selective) does not
 *     send;
 *   - the most data messages in one of its turns (from the one that
 *     wakes it to an empty box), leaving out turns a timer tick cut:
 *     a burst of REL_BURST gives at most REL_BURST; a larger one gives
 *     one more, the one handed over while it waited plus a full box, and
 *     loses the rest;
 *   - the highest message sent while 0 was missing, which the window
 *     keeps below REL_WINDOW.
 *
 * Once, from turn CUT on, it yields after the third message of a turn, as
 * a timer tick would cut its turn: a sender that calls the round silent
 * after one turn of the receiver sends its next burst into the same
 * turn, and the turn comes to more than REL_BURST. It cuts a turn only
 * if no tick came since the end of the turn before last: the two sides
 * then went in step, and the sender holds no answer it has not read.
 *
 * Halfway it sleeps NAP ticks, so that the sender runs out of quick
 * rounds and must wait for real. At the end it posts REL_DONE and prints
 * the checksum of the file for oracle.py. Lab 3 tests.
 */
#include "relwire.h"

#define MAX_BYTES 16384
#define MAX_PK    (MAX_BYTES / REL_PAYLOAD + 1)
#define HOLD      12                    /* turns message 0 is withheld */
#define NAP       4                     /* ticks asleep, halfway */
#define CUT       20                    /* cut a turn short from here */

static uint8_t file[MAX_BYTES];
static uint8_t seen[MAX_PK];            /* a copy arrived */
static uint8_t lose_first[MAX_PK];      /* pretend the first copy lost */

int main(int argc, char **argv)
{
    int src = (int)arg_uint(argc, argv, "src", 1);
    uint32_t len = arg_uint(argc, argv, "len", MAX_BYTES);
    if (len > MAX_BYTES)
        len = MAX_BYTES;
    uint32_t npk = (len + REL_PAYLOAD - 1) / REL_PAYLOAD;
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1) * 7 + 3);
    for (uint32_t s = 0; s < npk; s++)
        lose_first[s] = rng_below(&r, 10) == 0;

    uint32_t base = 0, have[REL_RING_WORDS] = { 0 };
    uint32_t turns = 0, highest_held = 0, copies = 0, dups = 0, bad = 0;
    uint32_t in_turn = 0, most = 0, turn_tick = 0;
    uint32_t end_last = 0, end_before = 0;  /* ticks at turns' ends */
    int heard = 0, counting = 1, cut = 0;
    while (base < npk) {
        struct msg m;
        int from = sys_receive(ANY, &m, heard ? TIMEOUT_POLL : TIMEOUT_NEVER);
        if (from == -EAGAIN) {
            if (counting && in_turn > most &&
                (uint32_t)sys_uptime() == turn_tick)
                most = in_turn;
            in_turn = 0;
            end_before = end_last;
            end_last = (uint32_t)sys_uptime();
            struct msg ack = { .code = REL_ACK, .w = { base } };
            memcpy(&ack.w[1], have, sizeof(have));
            wire_seal(&ack);
            sys_datagram(src, &ack);
            heard = 0;
            turns++;
            if (counting && base >= npk / 2) {
                counting = 0;
                sys_sleep(NAP);
            }
            continue;
        }
        if (from != src)
            continue;
        heard = 1;
        if (in_turn++ == 0)
            turn_tick = (uint32_t)sys_uptime();
        if (!cut && counting && turns >= CUT && in_turn == 3 &&
            (uint32_t)sys_uptime() == end_before) {
            cut = 1;
            sys_yield();
        }
        uint32_t seq = m.w[0];
        if (m.code != REL_DATA || !wire_intact(&m) || seq >= npk) {
            bad++;
            continue;
        }
        if (counting)
            copies++;
        if (turns < HOLD && seq > highest_held)
            highest_held = seq;
        int first = !seen[seq];
        seen[seq] = 1;
        if ((seq == 0 && turns < HOLD) || (first && lose_first[seq]))
            continue;                   /* "lost" */
        if (seq < base || wire_ring_has(have, seq)) {
            if (counting)
                dups++;
            continue;
        }
        uint32_t at = seq * REL_PAYLOAD, n = len - at;
        memcpy(file + at, &m.w[1], n < REL_PAYLOAD ? n : REL_PAYLOAD);
        have[(seq % REL_WINDOW) / 32] |= 1u << (seq % 32);
        while (wire_ring_has(have, base)) {
            have[(base % REL_WINDOW) / 32] &= ~(1u << (base % 32));
            base++;
        }
    }
    struct msg done = { .code = REL_DONE, .w = { len } };
    sys_post(src, &done, TIMEOUT_NEVER);
    printf("copies %u, duplicates %u, most in a turn %u, highest while 0 "
           "was missing %u, turns %u, bad %u\n", copies, dups, most,
           highest_held, turns, bad);
    printf("window kept while 0 was missing: %s\n",
           highest_held < REL_WINDOW ? "yes" : "no");
    printf("few duplicates: %s\n", dups <= npk / 10 ? "yes" : "no");
    printf("a turn cut short: %s\n", cut ? "yes" : "no");
    printf("bursts that fit the box: %s\n",
           most <= REL_BURST ? "yes" : "no");
    printf("receiver got %u bytes, fnv1a %08x\n", len,
           fnv1a(FNV_INIT, file, len));
    return 0;
}
