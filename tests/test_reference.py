"""The handout as a reference: its generated and hand-kept parts must cover
the kit they describe, and its chapters must keep the handout's standards.

Run from the top of the tree:

    python3 -m unittest tests.test_reference

No build is needed: these checks read the sources (the chapters named in
docs/handout.list, kernel/syscalls.list, the headers, the Makefile, the
figure sources).  Each names what is missing, and where it belongs.
"""

import glob
import os
import re
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = "docs/handout.list"
SYSCALLS = "kernel/syscalls.list"


def path(rel):
    return os.path.join(ROOT, rel)


def read(rel):
    with open(path(rel), encoding="utf-8") as f:
        return f.read()


def chapters():
    names = []
    for line in read(LIST).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def without_code(text):
    """Markdown with its fenced code blocks left out."""
    return re.sub(r"(?ms)^(```|~~~).*?^\1[^\n]*$", "", text)


def lab_dirs():
    """{number: 'labs/labN-name'} for every lab the tree holds."""
    found = {}
    for d in sorted(glob.glob(path("labs/lab[1-9]-*"))):
        n = int(re.match(r"lab(\d+)-", os.path.basename(d)).group(1))
        found[n] = os.path.relpath(d, ROOT)
    return found


def highest_lab():
    return max(lab_dirs())


def syscalls():
    """(number, lab, name) of every call in kernel/syscalls.list."""
    calls = []
    for line in read(SYSCALLS).splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 3:
            calls.append((int(words[0]), int(words[1]), words[2]))
    return calls


SYSCALL_DIV = re.compile(r"(?m)^:::+\s*\{[^}]*\.syscall(?![\w-])[^}]*name=(\w+)")


class SystemCallReference(unittest.TestCase):
    """Appendix A lists every call of kernel/syscalls.list; the words about
    each are written once, in a ::: {.syscall name=NAME} Div of the
    chapter of the lab that brings it (tools/handout/reference.lua)."""

    def divs(self):
        found = []
        for chapter in chapters():
            for name in SYSCALL_DIV.findall(without_code(read(chapter))):
                found.append((name, chapter))
        return found

    def test_every_call_is_described_once(self):
        described = {}
        for name, chapter in self.divs():
            described.setdefault(name, []).append(chapter)
        for num, lab, name in syscalls():
            if lab > highest_lab():
                continue
            with self.subTest(call=name):
                where = described.get(name, [])
                self.assertEqual(
                    len(where),
                    1,
                    f"system call {name} (number {num}, lab {lab}) needs "
                    "exactly one '::: {.syscall name="
                    f"{name}}}' Div with its words and errors, in lab "
                    f"{lab}'s chapter; found {where or 'none'}",
                )

    def test_no_words_about_calls_that_do_not_exist(self):
        known = {name for _, _, name in syscalls()}
        for name, chapter in self.divs():
            with self.subTest(call=name):
                self.assertIn(
                    name, known, f"{chapter} describes {name}, "
                    f"which {SYSCALLS} does not list"
                )

    def test_the_appendix_is_in_the_handout(self):
        self.assertIn("docs/syscalls.md", chapters())
        self.assertIn(".syscall-reference", read("docs/syscalls.md"))


if __name__ == "__main__":
    unittest.main()
