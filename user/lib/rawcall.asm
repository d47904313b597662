; rawcall.asm: int syscall_raw(num, a0, a1, a2, a3, a4): any system call,
; by number, with five raw arguments. Provided.
bits 32
section .text
global syscall_raw
syscall_raw:
    push ebx
    push esi
    push edi
    mov eax, [esp + 16]
    mov ebx, [esp + 20]
    mov ecx, [esp + 24]
    mov edx, [esp + 28]
    mov esi, [esp + 32]
    mov edi, [esp + 36]
    int 0x40
    pop edi
    pop esi
    pop ebx
    ret
