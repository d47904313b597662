; panic.asm: panics the way the kit kernel does (message, end marker, 0x22).
; Expected verdict: panic.
%include "lib.inc"
entry
    print "KIT BEGIN test=hello seed=1 stage=1"
    print "kernel| fixture stage 1 booting"
    print "kernel| PANIC: fixture panics on purpose (at fixture.c:1)"
    print "KIT END panic"
    qemu_exit 0x22
