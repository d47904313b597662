/*
 * prog.c: find a program in the table the build generates (progs.asm).
 * Provided.
 */
#include "kernel.h"
#include "prog.h"

extern const struct prog prog_table[];
extern const uint32_t prog_count;

const struct prog *prog_find(const char *name)
{
    for (uint32_t i = 0; i < prog_count; i++)
        if (strcmp(prog_table[i].name, name) == 0)
            return &prog_table[i];
    return NULL;
}
