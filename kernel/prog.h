/*
 * prog.h: the user programs the boot image carries (user/bin and the test
 * programs of every lab of this stage), linked into the kernel by the
 * build. Provided.
 */
#ifndef KERNEL_PROG_H
#define KERNEL_PROG_H

#include <stdint.h>

struct prog {
    const char *name;
    const uint8_t *start, *end;     /* the ELF file */
};

/* The program called 'name', or NULL. */
const struct prog *prog_find(const char *name);
static inline uint32_t prog_size(const struct prog *p)
{
    return (uint32_t)(p->end - p->start);
}

#endif /* KERNEL_PROG_H */
