/*
 * fault.h: page faults of user code, and copy-on-write (lab 5). A fault
 * the kernel can resolve (a write to a copy-on-write page) is invisible to
 * the process; any other fault ends it with a readable report. Provided,
 * apart from vm_cow_break (lab 5).
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <stdint.h>
#include "mmu.h"

struct proc;

/*
 * vm_cow_break: give the copy-on-write page at user address va of pgdir
 * a frame of its own and make it writable. If no one else holds the
 * frame (its reference count is 1), that is the frame it already has;
 * otherwise the page gets a copy and drops its reference to the shared
 * frame. The entry loses PTE_COW and gains PTE_W. The caller has checked
 * that the page is present and marked PTE_COW. Returns 0, or -ENOMEM (no
 * frame for the copy: nothing changed). Never blocks. Lab 5.
 */
int vm_cow_break(pde_t *pgdir, uint32_t va);

/* p's user code faulted at va (cr2) with the processor's error code err:
 * 1 if the kernel resolved it (the instruction runs again), 0 if p must
 * die. */
int vm_user_fault(struct proc *p, uint32_t va, uint32_t err);

/* After a fault p cannot survive: one line saying what is at va. */
void vm_fault_explain(struct proc *p, uint32_t va);

/* Copy-on-write faults resolved, and how many of them copied a page. */
uint32_t vm_cow_faults(void);
uint32_t vm_cow_copies(void);

#endif /* KERNEL_FAULT_H */
