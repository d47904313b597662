#!/bin/sh
# mkkit.sh: cut the student kit for lab N out of the reference tree
# (`make kit LAB=N`, instructors).
#
# Usage: tools/mkkit.sh N OUTDIR
#
# The kit holds the committed files of the tree (git ls-files) except the
# labs after N, CI, the kit's own test suite and the mutant check (its
# tables quote the reference solutions). In every C file and
# header, unifdef resolves the solution markers: the code of labs
# before N stays in (the student starts from a working stage N-1), the
# `#ifdef SOL_LABn` code of lab N and later labs goes, leaving each
# `/* LAB n: your code here */` branch. The result is a tree a student can
# build and grade at once: lab N's tests fail until the holes are filled.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 N OUTDIR" >&2; exit 2; }
lab=$1
out=$2
case "$lab" in [1-9]) ;; *) echo "mkkit: N is a lab number, 1..9" >&2; exit 2 ;; esac
command -v unifdef >/dev/null || { echo "mkkit: unifdef is missing: tools/deps.sh kit" >&2; exit 1; }
top=$(git rev-parse --show-toplevel)
cd "$top"
[ -n "$(ls -d labs/lab"$lab"-* 2>/dev/null)" ] || { echo "mkkit: no labs/lab$lab-*" >&2; exit 2; }

# -DSOL_LABn keeps lab n's reference code, -USOL_LABn cuts it.
defs=""
for n in 1 2 3 4 5 6 7 8 9; do
    if [ "$n" -lt "$lab" ]; then defs="$defs -DSOL_LAB$n"; else defs="$defs -USOL_LAB$n"; fi
done

rm -rf "$out"
mkdir -p "$out"
git ls-files | while read -r f; do
    case "$f" in
        .ci/*|tests/*|tools/mutants.py|labs/*/mutants.toml) continue ;;
    esac
    n=$(printf '%s\n' "$f" | sed -n 's|^labs/lab\([1-9]\)-.*|\1|p')
    [ -n "$n" ] && [ "$n" -gt "$lab" ] && continue
    mkdir -p "$out/$(dirname "$f")"
    case "$f" in
        *.c|*.h)
            # unifdef: status 0 unchanged, 1 changed, 2 trouble.
            st=0
            unifdef $defs -o "$out/$f" "$f" || st=$?
            [ "$st" -le 1 ] || { echo "mkkit: unifdef failed on $f" >&2; exit 1; }
            ;;
        *) cp -p "$f" "$out/$f" ;;
    esac
done
left=$(grep -rl 'SOL_LAB' "$out" --include='*.c' --include='*.h' || true)
[ -z "$left" ] || { echo "mkkit: solution markers left in: $left" >&2; exit 1; }
holes=$(grep -rc "LAB $lab: your code here" "$out" --include='*.c' --include='*.h' |
        awk -F: '{s += $2} END {print s + 0}')
echo "mkkit: lab $lab kit in $out: $holes places marked 'LAB $lab: your code here'"
