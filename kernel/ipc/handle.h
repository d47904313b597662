/*
 * handle.h: the numbers that name ports, port sets and mailboxes, with a
 * generation count against stale numbers. Lab 4, provided.
 *
 * A number is built from the object's slot and the slot's generation:
 *
 *     bits 30..10  generation (1, 2, ...)      bits 9..0  slot
 *
 * Ports and port sets have slots 0..511, mailboxes 512..1023, so a number
 * names one kind of object only. Each time an object dies, its slot's
 * generation goes up by one, so the next object in that slot gets a new
 * number, and the dead object's number matches nothing ever again: a
 * lookup compares the whole number with the one the slot holds now. A
 * slot whose generation is used up (past HANDLE_GEN_LAST) is retired,
 * never reused, rather than let a number come back.
 */
#ifndef KERNEL_HANDLE_H
#define KERNEL_HANDLE_H

#include <stdint.h>

#define HANDLE_SLOTS     1024           /* slots of both kinds */
#define HANDLE_MBOX_BASE 512            /* the first mailbox slot */
#define HANDLE_GEN_SHIFT 10
#define HANDLE_GEN_LAST  ((1u << (31 - HANDLE_GEN_SHIFT)) - 1)

/* The number of the object in 'slot' at generation 'gen' (gen >= 1). */
static inline int32_t handle_make(uint32_t gen, int slot)
{
    return (int32_t)(gen << HANDLE_GEN_SHIFT | (uint32_t)slot);
}

/* The slot a number names, or -1 when it cannot be a number at all.
 * (Check the whole number too: the slot may hold another generation.) */
static inline int handle_slot(int32_t h)
{
    if (h <= 0 || (uint32_t)h >> HANDLE_GEN_SHIFT == 0)
        return -1;
    return (int)((uint32_t)h % HANDLE_SLOTS);
}

#endif /* KERNEL_HANDLE_H */
