/*
 * msgcount.c: the count of messages held by the kernel. Provided.
 */
#include "kernel.h"
#include "msgcount.h"

static int32_t held;

void msgcount_add(int32_t delta)
{
    held += delta;
    assert(held >= 0);
}

int32_t msgcount_get(void)
{
    return held;
}
