/*
 * pincap.c (lab 5 test): the pinned-memory cap against spammers. Eight
 * sinks never receive. Spammers, one after the other, post big regions
 * to them round robin (sizes and modes drawn from the seed) until post
 * refuses: each pins at most PIN_QUOTA pages (EDQUOT), all of them
 * together at most PIN_MAX (ENOBUFS), and a spammer that exits leaves
 * its posts pinned but its quota behind: the next process has a quota of
 * its own. A client posting to a server is still served while one
 * spammer is at its quota; once the kernel's bound is reached, big posts
 * fail at once but plain posts still go. When the sinks exit, every
 * pinned page comes back. Last, one sender pins its quota to the last
 * page, which it may, and not one page more. The oracle replays the cap.
 */
#include "lab5test.h"

#define SINKS 8
#define SPAMMERS 6

/* mode=spam: post big regions round robin to the sinks until refused;
 * report. */
static int spam(int argc, char **argv)
{
    int first = (int)arg_uint(argc, argv, "first", 0);
    uint32_t pages = arg_uint(argc, argv, "pages", 1);
    uint32_t mode = arg_uint(argc, argv, "mode", BIG_SHARE_RO);
    sys_map(BUF, pages * PAGE, MAP_WRITE);
    memset(BUF, 0x5a, pages * PAGE);
    int n = 0, e = 0;
    while (e == 0) {
        struct msg m = { .code = 3 };
        big_attach(&m, BUF, pages * PAGE, mode);
        e = sys_post(first + n % SINKS, &m, TIMEOUT_POLL);
        n += e == 0;
    }
    printf("%u pages %s: %d posts held, then %s; mine pinned %d\n", pages,
           big_mode_name(mode), n, errno_name(e),
           sys_kinfo(KINFO_PINNED_MINE));
    return 0;
}

/* mode=exact: posts that pin the quota to the last page (three of 256
 * pages and one of what is left, each with its list's page), then one
 * page more. */
static int exact(int argc, char **argv)
{
    int sink = (int)arg_uint(argc, argv, "first", 0);
    uint32_t quota = (uint32_t)sys_kinfo(KINFO_PIN_QUOTA);
    uint32_t sizes[] = { 256, 256, 256, quota - 3 * 257 - 1, 1 };
    sys_map(BUF, 256 * PAGE, MAP_WRITE);
    printf("to the quota's last page:");
    for (int i = 0; i < 5; i++) {
        struct msg m = { .code = 3 };
        big_attach(&m, BUF, sizes[i] * PAGE, BIG_SHARE_RO);
        int e = sys_post(sink, &m, TIMEOUT_POLL);
        printf(" %u page%s %s%s", sizes[i], sizes[i] == 1 ? "" : "s",
               result_name(e), i == 4 ? "" : ",");
    }
    printf("; mine pinned %d\n", sys_kinfo(KINFO_PINNED_MINE));
    return 0;
}

/* A client's big post to a server that receives it. */
static void client(const char *when)
{
    int server = spawn_or_die("bigpeer", 0);
    peer_do(server, PEER_WINDOW, 16, 0, 0);
    struct msg m = { .code = PEER_TAKE };
    big_attach(&m, BUF, 16 * PAGE, BIG_COPY);
    int e = sys_post(server, &m, TIMEOUT_POLL);
    int got = peer_do(server, PEER_MAPPED, 0, 0, 0);
    struct msg plain = { .code = PEER_STOP };
    int p = sys_post(server, &plain, TIMEOUT_POLL);
    sys_wait(server, 0);
    printf("%s: a client's big post %s (the server mapped %d pages), a "
           "plain post %s\n", when, result_name(e), got, result_name(p));
}

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "spam"))
        return spam(argc, argv);
    if (arg_get(argc, argv, "exact"))
        return exact(argc, argv);
    struct rng r;
    rng_init(&r, arg_uint(argc, argv, "seed", 1));
    printf("cap: %d pages a sender, %d in all\n", sys_kinfo(KINFO_PIN_QUOTA),
           sys_kinfo(KINFO_PIN_MAX));
    sys_map(BUF, 16 * PAGE, MAP_WRITE);
    fill(BUF, 16 * PAGE, &r);
    int sinks[SINKS];
    for (int i = 0; i < SINKS; i++)
        sinks[i] = spawn_or_die("lazyrecv", "delay=1000000");
    static const uint32_t sizes[] = { 32, 64, 128, 256 };
    static const uint32_t modes[] = { BIG_COPY, BIG_SHARE_RO, BIG_COW };
    for (int k = 0; k < SPAMMERS; k++) {
        uint32_t pages = sizes[rng_below(&r, 4)];
        uint32_t mode = modes[rng_below(&r, 3)];
        int s = spawnf("pincap", "spam=1 first=%d pages=%u mode=%u",
                       sinks[0], pages, mode);
        sys_wait(s, 0);
        printf("after spammer %d: pinned %d\n", k + 1,
               sys_kinfo(KINFO_PINNED));
        if (k == 0)
            client("one spammer at its quota");
    }
    client("after the spammers");
    for (int i = 0; i < SINKS; i++)
        sys_kill(sinks[i]);
    for (int i = 0; i < SINKS; i++)
        sys_wait(sinks[i], 0);
    printf("after the sinks exit: pinned %d\n", sys_kinfo(KINFO_PINNED));
    int sink = spawn_or_die("lazyrecv", "delay=1000000");
    sys_wait(spawnf("pincap", "exact=1 first=%d", sink), 0);
    sys_kill(sink);
    sys_wait(sink, 0);
    printf("and after its sink exits: pinned %d\n", sys_kinfo(KINFO_PINNED));
    return 0;
}
