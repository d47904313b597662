/*
 * elf.c: the program loader. It trusts nothing in the image: every offset
 * and size is checked before use. Provided.
 */
#include "kernel.h"
#include "elf.h"
#include "vm.h"

#define ELF_MAGIC  0x464C457Fu   /* "\x7FELF" */
#define ET_EXEC    2
#define EM_386     3
#define PT_LOAD    1
#define PF_W       2          /* segment is writable */

struct elf_header {
    uint32_t magic;
    uint8_t class, data, version, osabi, pad[8];
    uint16_t type, machine;
    uint32_t version2, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static int in_user(uint32_t va, uint32_t len)
{
    return va >= USER_BASE && va < USER_TOP && len <= USER_TOP - va;
}

/* Copy len bytes to user address va of pgdir (pages already mapped). */
static void fill(pde_t *pgdir, uint32_t va, const uint8_t *src, uint32_t len)
{
    while (len > 0) {
        uint32_t chunk = MIN(len, PAGE_SIZE - (va & ~PAGE_MASK));
        pte_t *pte = vm_pte(pgdir, va, 0);
        memcpy((void *)(PTE_ADDR(*pte) | (va & ~PAGE_MASK)), src, chunk);
        va += chunk;
        src += chunk;
        len -= chunk;
    }
}

static int load_segment(pde_t *pgdir, const struct elf_phdr *ph,
                        const uint8_t *image, uint32_t size)
{
    if (ph->memsz < ph->filesz || !in_user(ph->vaddr, ph->memsz) ||
        ph->offset > size || ph->filesz > size - ph->offset)
        return -EINVAL;
    /* Code and read-only data are mapped read-only: a stray write, even
     * one the kernel makes for a system call, cannot change them. */
    uint32_t flags = PTE_U | ((ph->flags & PF_W) ? PTE_W : 0);
    int err = vm_alloc_range(pgdir, ph->vaddr, ph->memsz, flags);
    if (err < 0)
        return err;
    fill(pgdir, ph->vaddr, image + ph->offset, ph->filesz);
    return 0;                      /* the rest (bss) is already zero */
}

int elf_load(pde_t *pgdir, const uint8_t *image, uint32_t size,
             uint32_t *entry)
{
    const struct elf_header *eh = (const void *)image;
    if (size < sizeof(*eh) || eh->magic != ELF_MAGIC || eh->class != 1 ||
        eh->type != ET_EXEC || eh->machine != EM_386 ||
        eh->phentsize != sizeof(struct elf_phdr) || eh->phoff > size ||
        (uint32_t)eh->phnum * sizeof(struct elf_phdr) > size - eh->phoff ||
        !in_user(eh->entry, 1))
        return -EINVAL;
    const struct elf_phdr *ph = (const void *)(image + eh->phoff);
    for (int i = 0; i < eh->phnum; i++) {
        if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
            continue;
        int err = load_segment(pgdir, &ph[i], image, size);
        if (err < 0)
            return err;
    }
    *entry = eh->entry;
    return 0;
}
