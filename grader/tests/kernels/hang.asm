; hang.asm: starts the test, then halts with interrupts off forever.
; Expected verdict: timeout, through the grader's wall-clock backstop.
%include "lib.inc"
entry
    print "KIT BEGIN test=hello seed=1 stage=1"
    print "kernel| fixture stage 1 booting"
.forever:
    cli
    hlt
    jmp .forever
