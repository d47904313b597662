"""The committed handout.pdf must match its sources.

Run from the top of the tree:

    python3 -m unittest tests.test_handout

The PDF is rebuilt into a temporary directory with mk/handout.mk (the tree,
build/ included, is left alone), then the text of the fresh PDF and of the
committed one, as `pdftotext -layout` extracts it, must be identical.  The
title page carries a digest of every source, so an edit that changes no
visible text still shows up.  Two cheaper checks come first: every file named
in docs/handout.list exists, and every figure a chapter refers to has a
source and is built.
"""

import difflib
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = "docs/handout.list"
COMMITTED = "handout.pdf"
FRAGMENT = "mk/handout.mk"
FIGURE_DIRS = ["docs/figures"] + sorted(
    os.path.relpath(d, ROOT)
    for d in glob.glob(os.path.join(ROOT, "labs", "*", "figures"))
)
FIGURE_KINDS = (".msc", ".dot", ".svg")
# ![caption](fig/NAME.svg) -- also with a title: ![c](fig/x.svg "title")
FIGURE_REF = re.compile(r"!\[[^\]]*\]\(\s*<?(fig/[^)\s>]+)")
STALE = "handout.pdf is stale: run make handout.pdf and commit it"
DIFF_LINES = 30


def path(rel):
    return os.path.join(ROOT, rel)


def chapters():
    """The chapter paths of docs/handout.list, in order."""
    names = []
    with open(path(LIST), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                names.append(line)
    return names


def figure_refs():
    """(chapter, "fig/NAME.svg") for every figure a listed chapter shows."""
    refs = []
    for chapter in chapters():
        if not os.path.isfile(path(chapter)):
            continue
        with open(path(chapter), encoding="utf-8") as f:
            text = f.read()
        # fenced code may show Markdown as an example: ignore it
        text = re.sub(r"(?ms)^(```|~~~).*?^\1", "", text)
        for ref in FIGURE_REF.findall(text):
            refs.append((chapter, ref))
    return refs


def figure_sources(name):
    """The figure sources that render fig/NAME.svg."""
    base = os.path.splitext(name)[0]
    found = []
    for d in FIGURE_DIRS:
        for kind in FIGURE_KINDS:
            if os.path.isfile(path(os.path.join(d, base + kind))):
                found.append(os.path.join(d, base + kind))
    return found


def pdf_text(pdf):
    out = subprocess.run(
        ["pdftotext", "-layout", pdf, "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=True,
    )
    return out.stdout.decode("utf-8", "replace").splitlines()


class HandoutSources(unittest.TestCase):
    """The chapter list and the figures it needs (no build)."""

    def test_list_names_existing_files(self):
        self.assertTrue(os.path.isfile(path(LIST)), LIST + " is missing")
        names = chapters()
        self.assertTrue(names, LIST + " names no chapter")
        missing = [n for n in names if not os.path.isfile(path(n))]
        self.assertEqual(
            missing,
            [],
            LIST + " names files that do not exist: " + ", ".join(missing),
        )
        dups = sorted({n for n in names if names.count(n) > 1})
        self.assertEqual(
            dups, [], LIST + " names a file twice: " + ", ".join(dups)
        )

    def test_each_referenced_figure_has_one_source(self):
        for chapter, ref in figure_refs():
            name = ref[len("fig/") :]
            with self.subTest(chapter=chapter, figure=ref):
                self.assertNotIn(
                    "/",
                    name,
                    "%s: %s: figures live directly under fig/"
                    % (chapter, ref),
                )
                self.assertTrue(
                    name.endswith(".svg"),
                    "%s: %s: figures are built as .svg" % (chapter, ref),
                )
                srcs = figure_sources(name)
                self.assertEqual(
                    len(srcs),
                    1,
                    "%s shows %s, which needs exactly one source "
                    "NAME.msc, NAME.dot or NAME.svg in %s; found %s"
                    % (chapter, ref, ", ".join(FIGURE_DIRS), srcs or "none"),
                )


# A row of a chapter's test table: "| `name` | 10 | ..." or, for several
# tests, "| `a`, `b` | 5 each | ...".
TEST_ROW = re.compile(r"^\| ((?:`[\w-]+`(?:, )?)+) \| (\d+)( each)? \|")


def chapter_test_table(chapter):
    """{test name: points} from the table of the chapter's tests section."""
    table, inside = {}, False
    with open(chapter, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line.startswith("## The tests")
            m = TEST_ROW.match(line) if inside else None
            if m:
                for name in re.findall(r"`([\w-]+)`", m.group(1)):
                    table[name] = int(m.group(2))
    return table


class ChapterTestTables(unittest.TestCase):
    """Each lab chapter's table of tests names every test of its tests.toml,
    with its points, and no other."""

    def test_tables_match_tests_toml(self):
        import tomllib

        for lab in sorted(glob.glob(path("labs/lab*-*"))):
            spec = os.path.join(lab, "tests.toml")
            chapter = os.path.join(lab, "chapter.md")
            if not (os.path.isfile(spec) and os.path.isfile(chapter)):
                continue
            with open(spec, "rb") as f:
                tests = {
                    t["name"]: t["points"]
                    for t in tomllib.load(f).get("test", [])
                }
            with self.subTest(lab=os.path.basename(lab)):
                self.assertEqual(
                    chapter_test_table(chapter),
                    tests,
                    "the table in %s's tests section must list each test "
                    "of tests.toml with its points"
                    % os.path.relpath(chapter, ROOT),
                )


class HandoutFresh(unittest.TestCase):
    """Rebuild the handout out of tree and compare it with the committed one."""

    tmp = None
    build = None
    fresh = None
    failure = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="handout-check-")
        cls.build = os.path.join(cls.tmp, "build")
        cls.fresh = os.path.join(cls.tmp, "handout.pdf")
        env = dict(os.environ)
        for var in (
            "MAKEFLAGS",
            "MFLAGS",
            "MAKELEVEL",
            "MAKEFILES",
            "MAKEOVERRIDES",
        ):
            env.pop(var, None)
        cmd = [
            "make",
            "--no-print-directory",
            "-f",
            FRAGMENT,
            "HANDOUT_BUILD=" + cls.build,
            "HANDOUT_OUT=" + cls.fresh,
            cls.fresh,
        ]
        try:
            run = subprocess.run(
                cmd,
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=600,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            cls.failure = "could not rebuild the handout: %s" % e
            return
        if run.returncode != 0 or not os.path.isfile(cls.fresh):
            log = run.stdout.decode("utf-8", "replace").strip().splitlines()
            cls.failure = (
                "rebuilding the handout failed (%s, exit %d):\n    %s"
                % (" ".join(cmd), run.returncode, "\n    ".join(log[-25:]))
            )

    @classmethod
    def tearDownClass(cls):
        if cls.tmp:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        if self.failure:
            self.fail(self.failure)

    def test_referenced_figures_are_built(self):
        for chapter, ref in figure_refs():
            built = os.path.join(self.build, ref)
            with self.subTest(chapter=chapter, figure=ref):
                self.assertTrue(
                    os.path.isfile(built) and os.path.getsize(built) > 0,
                    "%s shows %s, but the build did not produce it"
                    % (chapter, ref),
                )
                with open(built, encoding="utf-8", errors="replace") as f:
                    self.assertIn(
                        "<svg", f.read(4096), built + " is not an SVG file"
                    )

    def test_committed_pdf_matches_sources(self):
        self.assertTrue(
            os.path.isfile(path(COMMITTED)),
            "handout.pdf is missing: run make handout.pdf and commit it",
        )
        committed = pdf_text(path(COMMITTED))
        fresh = pdf_text(self.fresh)
        if committed == fresh:
            return
        diff = list(
            difflib.unified_diff(
                committed,
                fresh,
                "handout.pdf (committed)",
                "handout.pdf (rebuilt from the sources)",
                n=1,
                lineterm="",
            )
        )
        shown = diff[:DIFF_LINES]
        if len(diff) > DIFF_LINES:
            shown.append("... (%d more diff lines)" % (len(diff) - DIFF_LINES))
        changed = [l for l in diff[2:] if l[:1] in "+-"]
        note = ""
        if all("Source digest:" in l for l in changed):
            note = (
                "\n(only the source digest differs: a source changed in a way "
                "that shows no text, e.g. the style or a figure)"
            )
        self.fail(
            STALE
            + note
            + "\nfirst differences (pdftotext -layout):\n"
            + "\n".join(shown)
        )

    def page_fill(self):
        """Each page's body, from the top margin to the bottom one (A4, 24
        mm and 22 mm, tools/handout/handout.css): how far down its text
        reaches, from 0 to 1."""
        out = subprocess.run(
            ["pdftotext", "-bbox", self.fresh, "-"],
            stdout=subprocess.PIPE,
            check=True,
        ).stdout.decode("utf-8", "replace")
        pages = re.findall(
            r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S
        )
        fills = []
        for height, body in pages:
            top = 24 / 25.4 * 72
            bottom = float(height) - 22 / 25.4 * 72
            ys = [
                float(y)
                for y in re.findall(r'yMax="([\d.]+)"', body)
                if top < float(y) < bottom
            ]
            fills.append((max(ys) - top) / (bottom - top) if ys else 0.0)
        return fills

    def test_no_near_empty_pages(self):
        """Every page but the title page and the last is at least a third
        full: a chapter does not end on a page of its own, and a big
        figure does not leave a blank page behind it."""
        fills = self.page_fill()
        self.assertGreater(len(fills), 2)
        thin = [
            "page %d: %d%%" % (n, round(100 * f))
            for n, f in enumerate(fills[1:-1], 2)
            if f < 1 / 3
        ]
        self.assertEqual(thin, [], "near-empty pages: " + ", ".join(thin))

    def test_title_page_has_version_and_date(self):
        first = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", self.fresh, "-"],
            stdout=subprocess.PIPE,
            check=True,
        ).stdout.decode("utf-8", "replace")
        self.assertRegex(first, r"Version \S+, \d{1,2} \w+ \d{4}")


if __name__ == "__main__":
    unittest.main()
