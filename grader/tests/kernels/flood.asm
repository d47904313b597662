; flood.asm: starts the test, then prints the same line forever.
; Expected verdict: flood.
%include "lib.inc"
entry
    print "KIT BEGIN test=hello seed=1 stage=1"
.again:
    print "user.1| spam"
    jmp .again
