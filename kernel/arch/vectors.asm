; vectors.asm: one entry stub per interrupt vector, and the common path that
; builds a struct trapframe (see trap.h) and calls trap(). trapret unwinds a
; trapframe back to the interrupted code; a new process starts there too.
; The system-call vector has a second way in: a message-passing call goes
; to the IPC fast path (kernel/ipc/fastpath.c), which builds the same
; trapframe and falls back to trap() for any case it does not take.
; Hardware glue; provided.

bits 32
section .text

extern trap
extern fastpath_syscall

; The calls fastpath_entry has a place for (FASTPATH_CALLS in fastpath.h).
%define FASTPATH_CALLS 32

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
%elif i == 64
    ; the system call: below, just before alltraps
%else
    VECTOR_NOERR i
%endif
%assign i i + 1
%endrep

; int 0x40, a system call (number in eax): below FASTPATH_CALLS it goes
; where its place in fastpath_entry says, alltraps, or fastentry for a call
; the fast path takes (fastpath_init fills them in; none with fastpath=0);
; above, to alltraps. Every call pays two instructions for this.
vector64:
    push dword 0
    push dword 64
    cmp eax, FASTPATH_CALLS
    jae alltraps
    jmp [fastpath_entry + eax * 4]

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

; The fast path's entry: the same trapframe as alltraps, then
; fastpath_syscall(tf), which either completes the call or hands the
; trapframe to trap() itself.
; The kernel never uses fs or gs, so only ds and es are loaded here (the
; user's fs and gs stay in them until trapret restores the same values).
global fastentry
fastentry:
    push ds
    push es
    push fs
    push gs
    pushad
    mov ax, 0x10                    ; SEG_KDATA
    mov ds, ax
    mov es, ax
    push esp                        ; argument: struct trapframe *
    call fastpath_syscall
    add esp, 4
    jmp trapret

; Where each system call below FASTPATH_CALLS enters (see vector64).
section .data
global fastpath_entry
fastpath_entry:
    times FASTPATH_CALLS dd alltraps

; The table idt.c reads to fill in the IDT.
section .rodata
global trap_vectors
trap_vectors:
%assign i 0
%rep 256
    dd vector %+ i
%assign i i + 1
%endrep
