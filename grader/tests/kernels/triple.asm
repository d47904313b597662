; triple.asm: loads an empty IDT and raises int3: the CPU triple-faults and,
; under -no-reboot, QEMU exits with status 0.
; Expected verdict: reset.
%include "lib.inc"
entry
    print "KIT BEGIN test=hello seed=1 stage=1"
    print "kernel| fixture stage 1 booting"
    lidt [empty_idt]
    int3
    qemu_exit 0x21              ; never reached

empty_idt:
    dw 0                        ; limit 0: every vector is out of bounds
    dd 0
