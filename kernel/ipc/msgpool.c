/*
 * msgpool.c: the kernel memory that holds posted messages: a fixed array
 * of MSG_POOL entries threaded on a free list. Nothing else ever
 * allocates a message, so this array is the bound on the kernel's
 * message memory (see the spam rule in post.h). Lab 3, provided.
 */
#include "msgcount.h"
#include "post.h"
#if LAB >= 5
#include "bigmsg.h"
#endif

static struct pmsg pool[MSG_POOL];
static struct pmsg *free_list;
static int ready, in_use, peak;
static uint32_t clock;

static void pool_init(void)
{
    for (int i = MSG_POOL - 1; i >= 0; i--) {
        pool[i].next = free_list;
        free_list = &pool[i];
    }
    ready = 1;
}

struct pmsg *msgpool_alloc(void)
{
    if (!ready)
        pool_init();
    struct pmsg *pm = free_list;
    if (!pm)
        return NULL;
    free_list = pm->next;
    pm->next = NULL;
#if LAB >= 5
    pm->pages = NULL;
#endif
    in_use++;
    if (in_use > peak)
        peak = in_use;
    msgcount_add(1);
    return pm;
}

void msgpool_free(struct pmsg *pm)
{
    assert(pm >= pool && pm < pool + MSG_POOL && in_use > 0);
#if LAB >= 5
    if (pm->pages) {            /* never received: its region goes too */
        bigpost_release(pm->pages);
        pm->pages = NULL;
    }
#endif
    pm->next = free_list;
    free_list = pm;
    in_use--;
    msgcount_add(-1);
}

int msgpool_in_use(void)
{
    return in_use;
}

int msgpool_peak(void)
{
    return peak;
}

int msgpool_free_count(void)
{
    return MSG_POOL - in_use;
}

uint32_t ipc_clock_next(void)
{
    return ++clock;
}
