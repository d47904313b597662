/*
 * handle.h: the numbers that name ports, port sets and mailboxes, with a
 * generation count against stale numbers. Lab 4, provided.
 *
 * A number is built from the object's slot in its table, a bit saying
 * which table (ports and sets, or mailboxes), and the slot's generation:
 *
 *     bits 31..9  generation (1, 2, ...)   bit 8  mailbox   bits 7..0  slot
 *
 * Each time an object dies, its slot's generation goes up by one, so the
 * next object in that slot gets a new number, and the dead object's
 * number matches nothing ever again: a lookup compares the whole number
 * with the one the slot holds now. A slot whose generation is used up is
 * retired (never reused) rather than let a number come back.
 */
#ifndef KERNEL_HANDLE_H
#define KERNEL_HANDLE_H

#include <stdint.h>

#define HANDLE_SLOTS     256             /* slots a table may have */
#define HANDLE_MBOX      0x100           /* the mailbox bit */
#define HANDLE_GEN_SHIFT 9
#define HANDLE_GEN_LAST  ((1u << (31 - HANDLE_GEN_SHIFT)) - 1)

/* The number of the object in 'slot' at generation 'gen' (gen >= 1). */
static inline int32_t handle_make(uint32_t gen, int mbox, int slot)
{
    return (int32_t)(gen << HANDLE_GEN_SHIFT | (mbox ? HANDLE_MBOX : 0) |
                     (uint32_t)slot);
}

/* The slot a number names in its table (check the number, not only the
 * slot: the slot may hold another generation). */
static inline int handle_slot(int32_t h)
{
    return (int)((uint32_t)h % HANDLE_SLOTS);
}

/* Could h name a port or set (mbox = 0), or a mailbox (mbox = 1)? */
static inline int handle_kind_ok(int32_t h, int mbox)
{
    return h > 0 && (((uint32_t)h & HANDLE_MBOX) != 0) == (mbox != 0) &&
           (uint32_t)h >> HANDLE_GEN_SHIFT != 0;
}

#endif /* KERNEL_HANDLE_H */
