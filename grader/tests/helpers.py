# helpers.py: what the grader's tests share: the fixture kernels (assembled
# once per test run into a temporary directory), fixture kit trees with a
# tiny Makefile, and running `python3 -m grader` as a user would.

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KERNELS = HERE / "kernels"
FIXTURE_LAB = HERE / "fixture" / "lab1-fixture"
FIXTURE_SPEC = FIXTURE_LAB / "tests.toml"

_build = tempfile.TemporaryDirectory(
    prefix="grader-kernels-"
)  # removed at exit
_built: dict[str, Path] = {}


def kernel(name: str) -> Path:
    """Assemble and link kernels/NAME.asm (once) and return the ELF's path."""
    if name not in _built:
        out = Path(_build.name)
        obj, elf = out / f"{name}.o", out / f"{name}.elf"
        subprocess.run(
            [
                "nasm",
                "-f",
                "elf32",
                "-I",
                f"{KERNELS}/",
                "-o",
                str(obj),
                str(KERNELS / f"{name}.asm"),
            ],
            check=True,
        )
        subprocess.run(
            [
                "ld",
                "-m",
                "elf_i386",
                "-Ttext",
                "0x100000",
                "-o",
                str(elf),
                str(obj),
            ],
            check=True,
        )
        _built[name] = elf
    return _built[name]


def grader(
    *args: str, env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run `python3 -m grader ARGS` from the top of the repository."""
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# A kit tree whose "build" copies a prebuilt kernel, and whose iso target
# bakes ISO_ARGS into a GRUB menu entry, as the kit's Makefile does.
GOOD_MAKEFILE = """\
LAB ?= 1
B := build/lab$(LAB)
.PHONY: kernel iso
kernel:
\tmkdir -p $(B)
\tcp kernel.elf $(B)/kernel.elf
iso: kernel
\tmkdir -p $(B)/iso/boot/grub
\tcp $(B)/kernel.elf $(B)/iso/boot/kernel.elf
\tprintf 'set timeout=0\\nmenuentry "kit" {\\n  multiboot /boot/kernel.elf %s\\n  boot\\n}\\n' \\
\t    '$(ISO_ARGS)' > $(B)/iso/boot/grub/grub.cfg
\tgrub-mkrescue -o $(B)/kernel.iso $(B)/iso 2>/dev/null
"""

# A kit tree whose kernel does not compile.
BROKEN_MAKEFILE = """\
.PHONY: kernel iso
kernel:
\t@echo "gcc -m32 -c kernel/main.c -o build/lab1/main.o"
\t@echo "kernel/main.c: In function 'kmain':"
\t@echo "kernel/main.c:12:5: error: expected ';' before 'return'"
\t@false
iso: kernel
"""


def fixture_tree(
    root: Path, makefile: str, kernel_name: str | None = None
) -> Path:
    """A kit tree at root: the fixture lab as labs/lab1-fixture, a Makefile,
    and (if named) a fixture kernel for that Makefile to "build"."""
    shutil.copytree(FIXTURE_LAB, root / "labs" / "lab1-fixture")
    (root / "Makefile").write_text(makefile)
    if kernel_name:
        shutil.copyfile(kernel(kernel_name), root / "kernel.elf")
    return root


# A fixture kit whose "student code" is kernel.elf (the prebuilt kernel the
# Makefile copies) and student.c, which the build rejects when it holds
# the word `error`, as a compiler would.
KIT_MAKEFILE = GOOD_MAKEFILE.replace(
    "\tcp kernel.elf $(B)/kernel.elf\n",
    "\t@if grep -q error student.c; then "
    "echo 'student.c:1:1: error: the fixture found an error'; exit 1; fi\n"
    "\t@if grep -q slow student.c; then "
    "echo 'compiling slowly'; sleep 60; fi\n"
    "\tcp kernel.elf $(B)/kernel.elf\n",
    1,
)


def fixture_kit(root: Path, kernel_name: str = "silent") -> Path:
    """A cut kit of the fixture lab (as tools/mkkit.sh would write it:
    STUDENT_FILES and MANIFEST), whose own kernel (its holes unfilled) is
    kernel_name."""
    tree = fixture_tree(root, KIT_MAKEFILE, kernel_name)
    (tree / "student.c").write_text("int fine;\n")
    (tree / "STUDENT_FILES").write_text(
        "# STUDENT_FILES: the fixture's\nkernel.elf\nstudent.c\n"
    )
    lines = ["# MANIFEST: the fixture kit (lab 1)."]
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(tree).as_posix()}")
    (tree / "MANIFEST").write_text("\n".join(lines) + "\n")
    return tree


def submission_of(root: Path, kernel_name: str, student_c: str = "") -> Path:
    """A student's tree handed in for the fixture kit."""
    tree = fixture_tree(root, GOOD_MAKEFILE, kernel_name)
    (tree / "student.c").write_text(student_c or "int mine;\n")
    return tree


def read_reports(json_path: Path, junit_path: Path) -> tuple[dict, ET.Element]:
    """Both machine reports, parsed (a parse error fails the test)."""
    return json.loads(json_path.read_text()), ET.parse(junit_path).getroot()


def verdicts(junit_root: ET.Element) -> dict[str, str]:
    """test name -> verdict, from the JUnit report (failure type, else pass)."""
    found = {}
    for case in junit_root.iter("testcase"):
        failure = case.find("failure")
        found[case.get("name")] = (
            "pass" if failure is None else failure.get("type")
        )
    return found


def scores(results: dict) -> dict[str, float]:
    """test name -> score, from results.json ("lab 1: NAME")."""
    return {t["name"].split(": ", 1)[1]: t["score"] for t in results["tests"]}
