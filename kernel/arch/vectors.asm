; vectors.asm: one entry stub per interrupt vector, and the common path that
; builds a struct trapframe (see trap.h) and calls trap(). trapret unwinds a
; trapframe back to the interrupted code; a new process starts there too.
; Hardware glue; provided.

bits 32
section .text

extern trap

; Vectors whose exception pushes an error code of its own.
%macro VECTOR_ERR 1
vector%1:
    push dword %1
    jmp alltraps
%endmacro

; All the others: push a zero so every trapframe has the same shape.
%macro VECTOR_NOERR 1
vector%1:
    push dword 0
    push dword %1
    jmp alltraps
%endmacro

%assign i 0
%rep 256
%if i == 8 || (i >= 10 && i <= 14) || i == 17
    VECTOR_ERR i
%else
    VECTOR_NOERR i
%endif
%assign i i + 1
%endrep

alltraps:
    push ds
    push es
    push fs
    push gs
    pushad
    mov ax, 0x10                    ; SEG_KDATA
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    push esp                        ; argument: struct trapframe *
    call trap
    add esp, 4

global trapret
trapret:
    popad
    pop gs
    pop fs
    pop es
    pop ds
    add esp, 8                      ; trap number and error code
    iret

; The table idt.c reads to fill in the IDT.
section .rodata
global trap_vectors
trap_vectors:
%assign i 0
%rep 256
    dd vector %+ i
%assign i i + 1
%endrep
