; silent.asm: exits "done" without printing a single byte.
; Expected verdict: no end marker, with the "no begin marker" message.
%include "lib.inc"
entry
    qemu_exit 0x21
