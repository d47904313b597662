; entry.asm: the multiboot header and the first instructions of the kernel.
; The boot loader (GRUB, or QEMU's -kernel loader) jumps to _start in 32-bit
; protected mode with paging off, EAX = the multiboot magic and EBX = the
; physical address of the multiboot information. Hardware glue; provided.

MB_MAGIC    equ 0x1BADB002
MB_FLAGS    equ 0x00000003          ; page-align modules, give a memory map
MB_CHECKSUM equ -(MB_MAGIC + MB_FLAGS)

section .multiboot
align 4
    dd MB_MAGIC
    dd MB_FLAGS
    dd MB_CHECKSUM

section .text
bits 32
global _start
extern kmain
_start:
    cli
    mov esp, boot_stack_top
    xor ebp, ebp                    ; ends every backtrace here
    push ebx                        ; struct multiboot_info *
    push eax                        ; magic
    call kmain                      ; never returns
.halt:
    cli
    hlt
    jmp .halt

section .bss
align 16
global boot_stack
boot_stack:
    resb 16384
boot_stack_top:
