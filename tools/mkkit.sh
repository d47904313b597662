#!/bin/sh
# mkkit.sh: cut the student kit for lab N out of the reference tree
# (`make kit LAB=N`, instructors; the grader cuts the tree it grades a
# submission in the same way).
#
# Usage: tools/mkkit.sh N OUTDIR
#
# The kit holds the committed files of the tree (git ls-files) except the
# labs after N, CI, the kit's own test suite, the grader's own tests, the
# instructor's hidden tests (hidden/) and the mutant check (its tables
# quote the reference solutions). In every C file and header,
# unifdef resolves the solution markers: the code of labs before N stays
# in (the student starts from a working stage N-1), the `#ifdef SOL_LABn`
# code of lab N and later labs goes, leaving each
# `/* LAB n: your code here */` branch. The result is a tree a student can
# build and grade at once: lab N's tests fail until the holes are filled.
#
# mkkit also writes, at the top of the kit:
#   README.md       the student's README (from tools/kit/README.md)
#   STUDENT_FILES   the files the student edits and hands in, one path a
#                   line after a comment header: those that held solution
#                   code of labs 1..N, plus any the reference's own
#                   STUDENT_FILES names (paths or globs)
#   MANIFEST        the SHA-256 of every file of the kit as cut
#                   (`grep -v '^#' MANIFEST | sha256sum -c --quiet` checks
#                   it); `make grade` warns about files outside
#                   STUDENT_FILES that differ from it
# and docs/handout.list names only the chapters the kit holds.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 N OUTDIR" >&2; exit 2; }
lab=$1
out=$2
case "$lab" in [1-9]) ;; *) echo "mkkit: N is a lab number, 1..9" >&2; exit 2 ;; esac
command -v unifdef >/dev/null || { echo "mkkit: unifdef is missing: tools/deps.sh kit" >&2; exit 1; }
top=$(git rev-parse --show-toplevel)
cd "$top"
labdir=$(ls -d labs/lab"$lab"-* 2>/dev/null | head -n 1)
[ -n "$labdir" ] || { echo "mkkit: no labs/lab$lab-*" >&2; exit 2; }

# -DSOL_LABn keeps lab n's reference code, -USOL_LABn cuts it.
defs=""
for n in 1 2 3 4 5 6 7 8 9; do
    if [ "$n" -lt "$lab" ]; then defs="$defs -DSOL_LAB$n"; else defs="$defs -USOL_LAB$n"; fi
done

rm -rf "$out"
mkdir -p "$out"
editable=$(mktemp)
manifest=$(mktemp)
trap 'rm -f "$editable" "$manifest"' EXIT
git ls-files | while read -r f; do
    case "$f" in
        .ci/*|tests/*|hidden/*|grader/tests/*|STUDENT_FILES|MANIFEST|tools/mutants.py|labs/*/mutants.toml) continue ;;
    esac
    [ -f "$f" ] || continue
    n=$(printf '%s\n' "$f" | sed -n 's|^labs/lab\([1-9]\)-.*|\1|p')
    [ -n "$n" ] && [ "$n" -gt "$lab" ] && continue
    mkdir -p "$out/$(dirname "$f")"
    case "$f" in
        *.c|*.h)
            # unifdef: status 0 unchanged, 1 changed, 2 trouble.
            st=0
            unifdef $defs -o "$out/$f" "$f" || st=$?
            [ "$st" -le 1 ] || { echo "mkkit: unifdef failed on $f" >&2; exit 1; }
            if grep -Eq "SOL_LAB[1-$lab]([^0-9]|\$)" "$f"; then
                echo "$f" >> "$editable"
            fi
            ;;
        *) cp -p "$f" "$out/$f" ;;
    esac
done
left=$(grep -rl 'SOL_LAB' "$out" --include='*.c' --include='*.h' || true)
[ -z "$left" ] || { echo "mkkit: solution markers left in: $left" >&2; exit 1; }

# Extra files the reference lists as the student's (paths or globs).
if [ -f STUDENT_FILES ]; then
    sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
        -e '/^$/d' STUDENT_FILES | while read -r pattern; do
        (cd "$out" && for p in $pattern; do [ -f "$p" ] && echo "$p"; done) \
            >> "$editable" || true
    done
fi
{
    echo "# STUDENT_FILES: the files of this kit that you edit and hand in,"
    echo "# one path a line. Only these count: the grader takes them from"
    echo "# your submission and every other file from the kit as it was cut"
    echo "# (MANIFEST). An edit anywhere else is dropped when you are graded;"
    echo "# make grade names each such file. Do not edit this list: the"
    echo "# grader uses its own copy."
    sort -u "$editable"
} > "$out/STUDENT_FILES"

# The student's README: this lab's title and the first paragraph of its
# chapter, in tools/kit/README.md.
title=$(sed -n 's/^title = "\(.*\)"$/\1/p' "$labdir/tests.toml" | head -n 1)
about=$(awk 'NR > 1 && /^$/ && started { exit } NR > 1 && NF { started = 1; print }' \
        "$labdir/chapter.md" | tr '\n' ' ' | sed 's/ *$//')
if [ "$lab" -eq 1 ]; then
    base="This kit is the course's kernel with its provided core; lab 1 is yours."
elif [ "$lab" -eq 2 ]; then
    base="This kit is the course's kernel with lab 1 working; lab 2 is yours."
else
    base="This kit is the course's kernel with labs 1 to $((lab - 1)) working; lab $lab is yours."
fi
esc() { printf '%s\n' "$1" | sed -e 's/[\\&|]/\\&/g'; }
sed -e "s|@LAB@|$lab|g" -e "s|@TITLE@|$(esc "$title")|g" \
    -e "s|@DIR@|$labdir|g" -e "s|@ABOUT@|$(esc "$about")|" \
    -e "s|@BASE@|$(esc "$base")|" tools/kit/README.md > "$out/README.md"
rm -rf "$out/tools/kit"

# The handout the kit can build: only the chapters it holds.
if [ -f "$out/docs/handout.list" ]; then
    while IFS= read -r line; do
        path=$(printf '%s\n' "$line" | sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
        if [ -z "$path" ] || [ -f "$out/$path" ]; then
            printf '%s\n' "$line"
        fi
    done < docs/handout.list > "$out/docs/handout.list"
fi

# What was cut: a hash of every file, so that make grade can tell which
# files were edited.
(
    cd "$out"
    echo "# MANIFEST: the SHA-256 of every file of this kit as it was cut"
    echo "# (lab $lab). Check it: grep -v '^#' MANIFEST | sha256sum -c --quiet"
    find . -type f ! -path ./MANIFEST | sed 's|^\./||' | LC_ALL=C sort |
        while IFS= read -r f; do sha256sum "$f"; done
) > "$manifest"
cp "$manifest" "$out/MANIFEST"

holes=$(grep -rc "LAB $lab: your code here" "$out" --include='*.c' --include='*.h' |
        awk -F: '{s += $2} END {print s + 0}')
files=$(grep -vc '^#' "$out/STUDENT_FILES" || true)
echo "mkkit: lab $lab kit in $out: $holes places marked 'LAB $lab: your code here'," \
     "$files files in STUDENT_FILES"
