#!/usr/bin/env python3
"""gradescope.py: build lab N's Gradescope autograder bundle
(make gradescope LAB=N).

Writes build/gradescope/labN/autograder.zip, which holds no solution of
lab N or of any later lab:

    the kit of lab N, cut with tools/mkkit.sh (labs before N solved, lab N
                     and later labs holes), with the grader in it
    hidden/          the instructor's hidden tests of labs 1..N (their
                     tests.toml, oracle.py and programs), if there are any
    setup.sh         Gradescope runs it once, when the image is built: the
                     Debian or Ubuntu packages the kit and the grader need
                     (bubblewrap for the sandbox among them)
    run_autograder   Gradescope runs it for each submission:
                     python3 -m grader gradescope (grader/cmd_gradescope.py),
                     which grades /autograder/submission as --submission
                     does and always writes /autograder/results/results.json

Gradescope unpacks the zip into /autograder/source. A student uploads their
kit tree (its files, or one folder holding them). AUTOGRADER_ROOT moves
/autograder elsewhere, for trying the bundle out (tests/test_gradescope.py).

Usage: tools/gradescope.py --lab N [--out ZIP] [--extra-seeds K]
                           [--budget SECONDS] [--hidden DIR | --no-hidden]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import spec  # noqa: E402

PACKAGES = (
    "make gcc gcc-multilib binutils nasm python3 qemu-system-x86 "
    "grub-pc-bin grub-common xorriso mtools bubblewrap util-linux"
)

SETUP_SH = f"""#!/bin/sh
# setup.sh: Gradescope runs this once, as root, to build the image.
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends {PACKAGES}
"""

RUN_AUTOGRADER = """#!/bin/sh
# run_autograder: Gradescope runs this for each submission. The grader
# writes $root/results/results.json whatever happens.
root=${{AUTOGRADER_ROOT:-/autograder}}
cd "$root/source" || exit 1
exec python3 -m grader gradescope {options}
"""


def cut_kit(lab: int, dest: Path) -> None:
    subprocess.run(
        ["sh", str(ROOT / "tools" / "mkkit.sh"), str(lab), str(dest)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def add_hidden(kit: Path, hidden: Path, lab: int) -> list[str]:
    """Copy the hidden labs 1..lab into kit/hidden; their folder names."""
    copied = []
    for number, folder in sorted(spec.lab_dirs_in(hidden).items()):
        if number <= lab:
            shutil.copytree(
                folder,
                kit / "hidden" / folder.name,
                ignore=shutil.ignore_patterns("__pycache__"),
            )
            copied.append(folder.name)
    return copied


def write_zip(kit: Path, out: Path, options: str) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in kit.rglob("*") if p.is_file())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (
            ("setup.sh", SETUP_SH),
            ("run_autograder", RUN_AUTOGRADER.format(options=options)),
        ):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        for path in files:
            z.write(path, path.relative_to(kit).as_posix())
    return len(files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lab", type=int, default=spec.highest_stage(ROOT))
    ap.add_argument("--out")
    ap.add_argument("--extra-seeds", type=int, default=2)
    ap.add_argument("--budget", type=float)
    ap.add_argument("--hidden", default=str(ROOT / "hidden"))
    ap.add_argument("--no-hidden", action="store_true")
    args = ap.parse_args()
    if args.lab not in spec.lab_dirs(ROOT):
        print(f"gradescope: no lab {args.lab} in {ROOT}", file=sys.stderr)
        return 2
    out = Path(
        args.out
        or ROOT / "build" / "gradescope" / f"lab{args.lab}" / "autograder.zip"
    )
    options = f"--extra-seeds {args.extra_seeds}"
    if args.budget is not None:
        options += f" --budget {args.budget:g}"
    with tempfile.TemporaryDirectory() as tmp:
        kit = Path(tmp) / "kit"
        cut_kit(args.lab, kit)
        hidden = Path(args.hidden)
        copied = []
        if not args.no_hidden and hidden.is_dir():
            copied = add_hidden(kit, hidden, args.lab)
        n = write_zip(kit, out, options)
    print(
        f"gradescope: {out}: the lab {args.lab} kit ({n} files), "
        f"hidden tests: {', '.join(copied) or 'none'}, setup.sh, "
        "run_autograder"
    )
    print(
        f"  upload it as lab {args.lab}'s autograder (Ubuntu image); "
        f"it grades with {args.extra_seeds} extra seeds per seed-driven test"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
