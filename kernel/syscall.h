/*
 * syscall.h: system-call dispatch. The numbers, the table and the user
 * stubs are all generated from kernel/syscalls.list. Lab 1.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel.h"
#include "syscall_nums.h"
#include "trap.h"

struct syscall_entry {
    const char *name;
    int nargs;
    int32_t (*fn)(const uint32_t *args);
};

extern const struct syscall_entry syscall_table[SYS_MAX + 1];

/* LAB 1: run the system call the trap frame asks for (number in eax,
 * arguments in ebx, ecx, edx, esi, edi) and put its result in eax. */
void syscall(struct trapframe *tf);

#endif /* KERNEL_SYSCALL_H */
