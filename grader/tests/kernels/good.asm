; good.asm: a kernel that does everything right.  It reads seed=N from the
; multiboot command line, draws one number from the kit PRNG (xorshift32)
; and prints it, so the fixture oracle sees the value it expects.
; Expected verdict: pass, for every fixture test and every seed.
%include "lib.inc"
entry
    call read_seed                  ; EAX = seed (EBX = multiboot info)
    push eax
    print "fixture: boot chatter before the begin marker is ignored"
    call begin                      ; KIT BEGIN test=... seed=... stage=1
    print "kernel| fixture stage 1 booting"
    print "user.1| ready"
    print "kernel| hello from the fixture"
    pop eax
    call rng_next
    mov esi, value_prefix
    call puts
    call put_decimal
    mov al, 10
    call putc
    print "kernel| init exited status=0"
    print "kernel| leak check: frames=0 messages=0"
    print "KIT END done"
    qemu_exit 0x21

value_prefix: db "user.1| value=", 0

; read_seed: EAX = the number after "seed=" in the multiboot command line,
; or 1 when there is none.  EBX points at the multiboot information.
read_seed:
    mov eax, 1
    test dword [ebx], 1 << 2        ; flags bit 2: a command line is present
    jz .out
    mov esi, [ebx + 16]
.scan:
    cmp byte [esi], 0
    je .out
    cmp dword [esi], 'seed'
    jne .skip
    cmp byte [esi + 4], '='
    je .found
.skip:
    inc esi
    jmp .scan
.found:
    add esi, 5
    xor eax, eax
.digit:
    movzx ecx, byte [esi]
    sub ecx, '0'
    cmp ecx, 9
    ja .out
    imul eax, eax, 10
    add eax, ecx
    inc esi
    jmp .digit
.out:
    ret

; rng_next: EAX = the first output of xorshift32 seeded with EAX.
rng_next:
    test eax, eax
    jnz .step
    mov eax, 0x9E3779B9             ; seed 0 would stay 0 forever
.step:
    mov edx, eax
    shl edx, 13
    xor eax, edx
    mov edx, eax
    shr edx, 17
    xor eax, edx
    mov edx, eax
    shl edx, 5
    xor eax, edx
    ret

; put_decimal: write EAX as an unsigned decimal number.
put_decimal:
    mov ecx, 10
    xor edi, edi                    ; digits pushed so far
.divide:
    xor edx, edx
    div ecx
    push edx
    inc edi
    test eax, eax
    jnz .divide
.emit:
    pop eax
    add al, '0'
    call putc
    dec edi
    jnz .emit
    ret
