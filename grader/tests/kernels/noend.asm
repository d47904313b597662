; noend.asm: prints a complete test but exits "done" without KIT END.
; Expected verdict: no end marker.
%include "lib.inc"
entry
    print "KIT BEGIN test=hello seed=1 stage=1"
    print "kernel| fixture stage 1 booting"
    print "user.1| ready"
    print "kernel| hello from the fixture"
    print "kernel| leak check: frames=0 messages=0"
    qemu_exit 0x21
