#!/bin/sh
# check.sh: `make check`, a quick check that this machine can do the labs:
# the tools are installed (tools/deps.sh, run by make first), Python is new
# enough for the grader, the stage builds, GRUB accepts the kernel, and QEMU
# boots it. It does not grade anything: a kit whose lab is not done yet
# passes this check. A few seconds once the stage is built.
#
# Usage: tools/check.sh N      (N: the stage, as make's LAB)
set -u
lab=${1:?usage: tools/check.sh N}
fail=0
ok() { printf '  %-34s ok\n' "$1"; }
bad() { printf '  %-34s FAILED: %s\n' "$1" "$2"; fail=1; }

echo "make check: stage $lab"
ok "tools (tools/deps.sh)"
new_enough='import sys; sys.exit(sys.version_info < (3, 11))'
if python3 -c "$new_enough" 2>/dev/null; then
    ok "python3 >= 3.11 (the grader)"
else
    bad "python3 >= 3.11 (the grader)" "python3 is $(python3 -V 2>&1)"
fi
if make -s --no-print-directory LAB="$lab" kernel >build/check.log 2>&1; then
    ok "make LAB=$lab kernel"
else
    bad "make LAB=$lab kernel" "see the errors below"
    tail -n 15 build/check.log
fi
kernel=build/lab$lab/kernel.elf
if [ -f "$kernel" ]; then
    if grub-file --is-x86-multiboot "$kernel"; then
        ok "grub-file: a multiboot kernel"
    else
        bad "grub-file: a multiboot kernel" "$kernel is not multiboot"
    fi
    # Any ending is fine here (your lab may not be done): only QEMU itself
    # failing to start is a problem.
    st=0
    timeout 20 qemu-system-i386 -nodefaults -machine isapc -cpu qemu32 \
        -display none -no-reboot \
        -serial file:build/check-serial.log \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -icount shift=5,sleep=off -rtc base=2000-01-01T00:00:00,clock=vm \
        -m 64 -kernel "$kernel" -append "test=hello seed=1 limit=300" \
        2>build/check-qemu.log || st=$?
    case $st in
        0|67|69|71|124) ok "qemu-system-i386 boots the kernel" ;;
        *) bad "qemu-system-i386 boots the kernel" \
               "status $st: $(head -c 300 build/check-qemu.log)" ;;
    esac
fi
for tool in pandoc weasyprint mscgen dot; do
    command -v "$tool" >/dev/null 2>&1 ||
        echo "  note: $tool is missing: make handout.pdf needs it" \
             "(tools/deps.sh handout)"
done
if [ "$fail" = 0 ]; then
    echo "make check: every tool works; make grade scores your work"
else
    echo "make check: something is missing or broken (above)"
fi
exit $fail
