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
import shutil
import subprocess
import tempfile
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


SYSCALL_DIV = re.compile(
    r"(?m)^:::+\s*\{[^}]*\.syscall(?![\w-])[^}]*name=(\w+)"
)


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
                    name,
                    known,
                    f"{chapter} describes {name}, "
                    f"which {SYSCALLS} does not list",
                )

    def test_the_appendix_is_in_the_handout(self):
        self.assertIn("docs/syscalls.md", chapters())
        self.assertIn(".syscall-reference", read("docs/syscalls.md"))


# The page of the handout (tools/handout/handout.css): A4, 22 mm and 20 mm
# side margins; a figure is at most as wide as the text and 215 mm high.
TEXT_WIDTH_PT = (210 - 22 - 20) / 25.4 * 72
FIGURE_MAX_HEIGHT_PT = 215 / 25.4 * 72
MIN_FIGURE_TEXT_PT = 8.0


def svg_length_pt(value):
    """An SVG width or height in points (a bare number is CSS pixels)."""
    value = value.strip()
    for unit, factor in (("pt", 1.0), ("px", 0.75), ("mm", 72 / 25.4)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value) * 0.75


def smallest_printed_text(svg):
    """The smallest font size in the SVG once printed in the handout, in
    points: its own sizes, times its user unit, times the shrinking that
    fits it into the page."""
    root = re.search(r"<svg\b[^>]*>", svg, re.S).group(0)

    def attr(name):
        m = re.search(r'\s%s="([^"]+)"' % name, root)
        return m.group(1) if m else None

    width, height = svg_length_pt(attr("width")), svg_length_pt(attr("height"))
    view = attr("viewBox")
    unit = width / float(view.split()[2]) if view else 0.75
    shrink = min(1.0, TEXT_WIDTH_PT / width, FIGURE_MAX_HEIGHT_PT / height)
    sizes = [float(v) for v in re.findall(r'font-size="([0-9.]+)', svg)]
    sizes += [
        float(v) for v in re.findall(r"font-size:\s*([0-9.]+)(?:px)?", svg)
    ]
    return min(sizes) * unit * shrink if sizes else None


class FiguresPrintReadably(unittest.TestCase):
    """No figure text under 8 pt at print size: each figure source is
    rendered as mk/handout.mk renders it, and its smallest text scaled as
    the page scales it."""

    def render(self, source, out):
        kind = os.path.splitext(source)[1]
        if kind == ".dot":
            subprocess.run(["dot", "-Tsvg", "-o", out, source], check=True)
        elif kind == ".msc":
            raw = out + ".raw"
            subprocess.run(
                ["mscgen", "-T", "svg", "-o", raw, source], check=True
            )
            subprocess.run(
                ["python3", path("tools/handout/msc_svg.py"), raw, out],
                check=True,
            )
        else:
            with open(source, encoding="utf-8") as f, open(out, "w") as g:
                g.write(f.read())

    @unittest.skipUnless(
        shutil.which("dot") and shutil.which("mscgen"),
        "graphviz and mscgen are needed (tools/deps.sh handout)",
    )
    def test_no_figure_text_under_8_pt(self):
        sources = sorted(
            glob.glob(path("docs/figures/*.*"))
            + glob.glob(path("labs/*/figures/*.*"))
        )
        self.assertTrue(sources)
        with tempfile.TemporaryDirectory() as tmp:
            for source in sources:
                if not source.endswith((".dot", ".msc", ".svg")):
                    continue
                name = os.path.relpath(source, ROOT)
                with self.subTest(figure=name):
                    out = os.path.join(tmp, os.path.basename(source) + ".svg")
                    self.render(source, out)
                    with open(out, encoding="utf-8") as f:
                        size = smallest_printed_text(f.read())
                    self.assertIsNotNone(size, f"{name}: no text found")
                    self.assertGreaterEqual(
                        round(size, 1),
                        MIN_FIGURE_TEXT_PT,
                        f"{name}: its smallest text prints at {size:.1f} pt; "
                        "make the figure narrower (or shorter), or its "
                        "text larger",
                    )


def make_sources():
    return [path("Makefile")] + sorted(glob.glob(path("mk/*.mk")))


def phony_targets():
    """Every target declared .PHONY in the Makefile and mk/*.mk, and
    handout.pdf."""
    found = {"handout.pdf"}
    for f in make_sources():
        with open(f, encoding="utf-8") as g:
            text = g.read().replace("\\\n", " ")
        for line in re.findall(r"(?m)^\.PHONY:(.*)$", text):
            found.update(line.split())
    found.discard("FORCE")
    return found


def settable_variables():
    """The variables a user may set: every `NAME ?=` of the Makefile and
    mk/*.mk, and the documented ones set with := (overridden on the
    command line)."""
    found = {"V", "GDBPORT", "OPT", "CROSS"}
    for f in make_sources():
        with open(f, encoding="utf-8") as g:
            found.update(re.findall(r"(?m)^([A-Z][A-Z_]*)\s*\?=", g.read()))
    return found


class MakeReference(unittest.TestCase):
    """Appendix C names every make target and every variable a user sets."""

    def test_every_target(self):
        text = read("docs/make.md")
        for target in sorted(phony_targets()):
            with self.subTest(target=target):
                self.assertTrue(
                    f"`make {target}`" in text,
                    f"make {target} is not described in docs/make.md",
                )

    def test_every_variable(self):
        text = read("docs/make.md")
        for var in sorted(settable_variables()):
            with self.subTest(variable=var):
                self.assertTrue(
                    re.search(rf"(?m)^\| `{var}` \|", text),
                    f"the variable {var} has no row in docs/make.md",
                )


class FileMap(unittest.TestCase):
    """Appendix E's edit list of each lab is exactly the files holding that
    lab's reference solution (#ifdef SOL_LABn), which are the files the
    grader takes from a student."""

    def solution_files(self, n):
        found = set()
        for pattern in ("**/*.c", "**/*.h"):
            for f in glob.glob(path(pattern), recursive=True):
                rel = os.path.relpath(f, ROOT)
                if rel.startswith(("build/", "grader/", "tests/")):
                    continue
                with open(f, encoding="utf-8", errors="replace") as g:
                    if re.search(rf"\bSOL_LAB{n}\b", g.read()):
                        found.add(rel)
        return found

    def test_edit_lists_match_the_solutions(self):
        text = read("docs/files.md")
        for n in sorted(lab_dirs()):
            with self.subTest(lab=n):
                section = re.search(rf"(?ms)^## Lab {n} .*?(?=^## |\Z)", text)
                self.assertIsNotNone(
                    section, f"docs/files.md has no section for lab {n}"
                )
                edit = re.search(
                    r"(?ms)^\*\*Edit:\*\*(.*?)(?:\n\n|\Z)", section.group(0)
                )
                self.assertIsNotNone(edit, f"lab {n}: no **Edit:** list")
                listed = set(re.findall(r"`([\w./-]+\.[ch])`", edit.group(1)))
                self.assertEqual(
                    listed,
                    self.solution_files(n),
                    f"docs/files.md, lab {n}: the edit list must name the "
                    f"files holding SOL_LAB{n}",
                )


def lab_chapters():
    return [c for c in chapters() if c.startswith("labs/")]


class ChapterStandards(unittest.TestCase):
    """What every lab chapter keeps: exercise headings at one level (so
    each is in the table of contents), a difficulty on each challenge, and
    no citation of a benchmark row its tables do not show."""

    def test_exercise_headings_are_sections(self):
        for chapter in lab_chapters():
            text = without_code(read(chapter))
            for hashes, title in re.findall(
                r"(?m)^(#+) (Exercise \d+.*)$", text
            ):
                with self.subTest(chapter=chapter, heading=title):
                    self.assertEqual(
                        hashes,
                        "##",
                        f"{chapter}: '{title}' must be a level-2 heading "
                        "(## ...), so that the contents list it",
                    )

    def test_each_challenge_has_a_difficulty(self):
        for chapter in lab_chapters():
            text = read(chapter)
            m = re.search(r"(?ms)^## Challenges.*?(?=^## |\Z)", text)
            if not m:
                continue
            for item in re.findall(r"(?m)^- (.*)$", m.group(0)):
                with self.subTest(chapter=chapter, challenge=item[:40]):
                    self.assertRegex(
                        item,
                        r"\*\((easy|medium|hard)\)\*",
                        f"{chapter}: a challenge without *(easy)*, "
                        "*(medium)* or *(hard)*",
                    )

    def bench_names(self):
        """Regular expressions of the rows make bench prints, from the
        benchmark sources (a %u or %d in a name stands for a number)."""
        names = set()
        for src in glob.glob(path("labs/*/bench/*.c")):
            text = read(os.path.relpath(src, ROOT))
            names.update(re.findall(r'bench_result\("(\w+)"', text))
            names.update(re.findall(r'"figure (\w+(?:%[ud]\w*)?) ', text))
            names.update(re.findall(r'"(\w+%[ud]\w*)"', text))
        return [
            re.compile("^" + re.sub(r"%[ud]", r"\\d+", n) + "$") for n in names
        ]

    def test_cited_bench_rows_are_in_a_table(self):
        patterns = self.bench_names()
        self.assertTrue(patterns)
        tables = set()
        for chapter in chapters():
            for row in re.findall(r"(?m)^\|(.*)$", read(chapter)):
                first = row.split("|")[0]
                tables.update(re.findall(r"`(\w+)`", first))
        for chapter in chapters():
            for name in set(re.findall(r"`(\w+)`", read(chapter))):
                if any(p.match(name) for p in patterns):
                    with self.subTest(chapter=chapter, row=name):
                        self.assertIn(
                            name,
                            tables,
                            f"{chapter} cites the bench row {name}, "
                            "which no table of the handout shows",
                        )


class HandingIn(unittest.TestCase):
    def test_policy_follows_the_grading_chapter(self):
        names = chapters()
        self.assertIn("docs/grading.md", names)
        self.assertEqual(
            names[names.index("docs/grading.md") + 1], "docs/policy.md"
        )
        self.assertIn("{#course-policy}", read("docs/policy.md"))


if __name__ == "__main__":
    unittest.main()
