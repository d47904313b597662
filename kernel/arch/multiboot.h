/*
 * multiboot.h: the parts of the Multiboot (version 1) information structure
 * that the kernel reads: flags, the command line and the memory map.
 * Hardware glue; owned by the provided core.
 */
#ifndef ARCH_MULTIBOOT_H
#define ARCH_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOT_MAGIC  0x2BADB002u

#define MB_INFO_MEMORY   (1u << 0)   /* mem_lower / mem_upper valid */
#define MB_INFO_CMDLINE  (1u << 2)   /* cmdline valid */
#define MB_INFO_MMAP     (1u << 6)   /* mmap_length / mmap_addr valid */
#define MB_INFO_LOADER   (1u << 9)   /* boot_loader_name valid */

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower;     /* KiB below 1 MiB */
    uint32_t mem_upper;     /* KiB above 1 MiB */
    uint32_t boot_device;
    uint32_t cmdline;       /* physical address of a C string */
    uint32_t mods_count;
    uint32_t mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length;   /* bytes */
    uint32_t mmap_addr;     /* physical address of the first entry */
    uint32_t drives_length, drives_addr, config_table;
    uint32_t boot_loader_name;  /* physical address of a C string */
} __attribute__((packed));

/* One memory-map entry. 'size' does not count itself: the next entry is at
 * (char *)entry + entry->size + 4. */
struct multiboot_mmap_entry {
    uint32_t size;
    uint64_t addr;
    uint64_t len;
    uint32_t type;          /* 1 = available RAM */
} __attribute__((packed));

#define MB_MMAP_AVAILABLE 1

#endif /* ARCH_MULTIBOOT_H */
