; guesttimeout.asm: reports that the guest-time limit ran out, as the kit
; kernel does, and exits with the timeout code 0x23.
; Expected verdict: timeout.
%include "lib.inc"
entry
    print "KIT BEGIN test=hello seed=1 stage=1"
    print "kernel| fixture stage 1 booting"
    print "kernel| guest time limit reached (3000 ticks)"
    print "KIT END timeout"
    qemu_exit 0x23
