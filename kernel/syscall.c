/*
 * syscall.c: the system-call trap. User code puts the call's number in
 * eax and up to five arguments in ebx, ecx, edx, esi and edi, and executes
 * int 0x40; the result comes back in eax. Lab 1.
 */
#include "kernel.h"
#include "syscall.h"

/*
 * syscall: dispatch one system call. A number outside the table, or one
 * with no entry, returns -ENOSYS. May block (inside the call it runs).
 */
void syscall(struct trapframe *tf)
{
#ifdef SOL_LAB1
    uint32_t num = tf->eax;
    if (num > SYS_MAX || syscall_table[num].fn == NULL) {
        tf->eax = (uint32_t)-ENOSYS;
        return;
    }
    uint32_t args[5] = { tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi };
    tf->eax = (uint32_t)syscall_table[num].fn(args);
#else
    /* LAB 1: your code here. */
    tf->eax = (uint32_t)-ENOSYS;
#endif
}
