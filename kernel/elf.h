/*
 * elf.h: loading a 32-bit ELF executable into an address space. Provided.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>
#include "mmu.h"

/*
 * elf_load: map and fill every loadable segment of the ELF image
 * [image, image+size) into pgdir as user pages, and return its entry
 * point in *entry. Returns 0, -EINVAL for a malformed image or a segment
 * outside user space, or -ENOMEM. On error, pages already mapped stay in
 * pgdir (the caller destroys it).
 */
int elf_load(pde_t *pgdir, const uint8_t *image, uint32_t size,
             uint32_t *entry);

#endif /* KERNEL_ELF_H */
