#!/usr/bin/env python3
"""gradescope.py: build the Gradescope autograder bundle (make gradescope).

Writes build/gradescope/autograder.zip: this tree's committed files (the
reference solutions included: the bundle stays with the course staff),
plus, at the top of the zip, the two scripts Gradescope runs:

    setup.sh         once, when the image is built: installs the Debian or
                     Ubuntu packages the kit needs
    run_autograder   for each submission: grades the student's tree in
                     /autograder/submission against this tree's tests
                     (python3 -m grader --submission, so only the files a
                     student may edit are taken from it) and writes
                     /autograder/results/results.json

Gradescope unpacks the zip into /autograder/source. A student uploads their
kit tree (its files, or one folder holding them). AUTOGRADER_ROOT moves
/autograder elsewhere, for trying the bundle out (tests/test_gradescope.py).

Usage: tools/gradescope.py [--out ZIP]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "make gcc gcc-multilib binutils nasm python3 qemu-system-x86 "
    "grub-pc-bin grub-common xorriso mtools"
)
LEFT_OUT = (".ci/", "tests/", "handout.pdf")

SETUP_SH = f"""#!/bin/sh
# setup.sh: Gradescope runs this once, as root, to build the image.
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends {PACKAGES}
"""

RUN_AUTOGRADER = """#!/bin/sh
# run_autograder: Gradescope runs this for each submission.
root=${AUTOGRADER_ROOT:-/autograder}
sub=$root/submission
# A tree uploaded as one folder: grade what is inside it.
if [ ! -d "$sub/labs" ] && [ "$(ls -A "$sub" | wc -l)" -eq 1 ] &&
   [ -d "$sub/$(ls -A "$sub")/labs" ]; then
    sub=$sub/$(ls -A "$sub")
fi
mkdir -p "$root/results"
cd "$root/source" || exit 1
python3 -m grader --submission "$sub" --json "$root/results/results.json"
if [ ! -f "$root/results/results.json" ]; then
    # Nothing graded (not a kit tree, say): tell the student why.
    python3 - "$root/results/results.json" <<'EOF'
import json, sys
json.dump({"score": 0, "output": "The submission could not be graded: "
           "upload the kit tree (the folder holding Makefile, kernel/ and "
           "labs/) or its files."}, open(sys.argv[1], "w"))
EOF
fi
exit 0
"""


def committed_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        f
        for f in out.stdout.splitlines()
        if not f.startswith(LEFT_OUT) and (ROOT / f).is_file()
    ]


def build(out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    files = committed_files()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (
            ("setup.sh", SETUP_SH),
            ("run_autograder", RUN_AUTOGRADER),
        ):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        for f in files:
            z.write(ROOT / f, f)
    return len(files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out", default=str(ROOT / "build" / "gradescope" / "autograder.zip")
    )
    args = ap.parse_args()
    n = build(Path(args.out))
    print(f"gradescope: {args.out}: setup.sh, run_autograder and {n} files")
    print("  upload it as the assignment's autograder (Ubuntu image)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
