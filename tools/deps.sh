#!/bin/sh
# deps.sh: check that every tool the kit needs is installed; install the
# missing Debian packages when run as root, else print the command to run.
# Usage: tools/deps.sh [build|boot|debug|handout|all]...
set -u

need=""
want() {  # want CHECK-COMMAND PACKAGE
    if ! sh -c "$1" >/dev/null 2>&1; then
        case " $need " in *" $2 "*) ;; *) need="$need $2" ;; esac
    fi
}

group_build() {
    want "command -v nasm" nasm
    want "command -v python3" python3
    want "command -v make" make
    if [ -n "${CROSS:-}" ]; then
        # The i686 cross toolchain (make CROSS=i686-linux-gnu-): where
        # there is no gcc-multilib, as on arm64.
        want "command -v ${CROSS}gcc" "gcc-${CROSS%-}"
        want "command -v ${CROSS}ld" "binutils-${CROSS%-}"
        return
    fi
    want "command -v ld" binutils
    # Without gcc-multilib, gcc -m32 still compiles but names the 64-bit
    # libgcc and has no 32-bit headers.
    want "gcc -m32 -print-libgcc-file-name | grep -q /32/ && \
          printf '#include <stdint.h>\\nint x;' | \
          gcc -m32 -x c -c -o /dev/null -" gcc-multilib
}
group_boot() {
    want "command -v qemu-system-i386" qemu-system-x86
    want "command -v grub-mkrescue" grub-common
    want "command -v grub-file" grub-common
    want "test -d /usr/lib/grub/i386-pc" grub-pc-bin
    want "command -v xorriso" xorriso
    want "command -v mformat" mtools
}
group_debug() {
    want "command -v gdb" gdb
}
group_kit() {
    want "command -v unifdef" unifdef
    # Grading submissions (--submission, class, the Gradescope bundle):
    # the build sandbox and its resource limits.
    want "command -v bwrap" bubblewrap
    want "command -v prlimit" util-linux
}
group_handout() {
    want "command -v pandoc" pandoc
    want "command -v weasyprint" weasyprint
    want "command -v mscgen" mscgen
    want "command -v dot" graphviz
    want "command -v pdftotext" poppler-utils
    want "fc-list | grep -qi 'DejaVu Sans'" fonts-dejavu-core
    want "fc-list | grep -qi 'DejaVu Serif'" fonts-dejavu-extra
}

[ $# -gt 0 ] || set -- all
for g in "$@"; do
    case "$g" in
        all) group_build; group_boot; group_debug; group_kit; group_handout ;;
        build|boot|debug|kit|handout) "group_$g" ;;
        *) echo "deps.sh: unknown group '$g'" >&2; exit 2 ;;
    esac
done

[ -z "$need" ] && exit 0
need=${need# }
if [ "$(id -u)" = 0 ]; then
    echo "Installing missing packages: $need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $need \
        >/dev/null || { echo "apt-get install failed" >&2; exit 1; }
else
    echo "Missing tools. Install them with:" >&2
    echo "    sudo apt-get install --no-install-recommends $need" >&2
    exit 1
fi
