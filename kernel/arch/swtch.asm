; swtch.asm: switch kernel stacks. void swtch(struct context **save,
; struct context *load) pushes the callee-saved registers, stores the stack
; pointer in *save, loads 'load' as the new stack pointer and pops that
; context's registers: the return then lands in the other thread.
; Hardware glue; provided.

bits 32
section .text
global swtch
swtch:
    mov eax, [esp + 4]              ; save
    mov edx, [esp + 8]              ; load
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret
