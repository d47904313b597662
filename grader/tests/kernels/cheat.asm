; cheat.asm: prints everything the fixture tests look for, but as fixed text:
; the "value" line is the one for seed 1 whatever seed it was given (only the
; begin marker, which the kit core prints, is honest).
; Expected verdicts: pass for test hello; fail for test seeded (seed 2).
%include "lib.inc"
entry
    call begin                      ; the honest begin marker
    print "kernel| fixture stage 1 booting"
    print "user.1| ready"
    print "kernel| hello from the fixture"
    print "user.1| ok"
    print "user.1| value=270369"
    print "kernel| init exited status=0"
    print "kernel| leak check: frames=0 messages=0"
    print "KIT END done"
    qemu_exit 0x21
