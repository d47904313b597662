# batch.py: grade a whole class (`python3 -m grader class DIR`).
#
# DIR holds one folder per student, each a kit tree as handed in (or an
# unpacked zip: a folder holding the tree as its single folder). Every
# entry of DIR is accounted for in OUT/grades.csv: graded, or listed with
# why not (a file, a link, a hidden entry, not a kit tree). Each student is
# graded as `python3 -m grader --submission` grades one (in the work
# directory, never beside another student's tree), one after another (each
# student's tests in parallel), into OUT/NAME/: report.txt (the full
# report: every failure with its reasons and replay commands),
# results.json (what the student may see) and junit.xml. A summary, one row
# per entry, goes to the terminal and to OUT/grades.csv, whose cells are
# escaped so that no spreadsheet reads a name as a formula.

import contextlib
import csv
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import submission

STAFF_NOTES = "staff notes (not shown to students)"


@dataclass
class StudentGrade:
    name: str
    labs: dict[str, tuple[float, float]] = field(default_factory=dict)
    passed: int = 0
    failed: int = 0
    problem: str = ""  # why nothing could be graded
    flags: list[str] = field(default_factory=list)  # forgery screen

    @property
    def score(self) -> float:
        return sum(s for s, _ in self.labs.values())

    @property
    def max_score(self) -> float:
        return sum(m for _, m in self.labs.values())


def entries(folder: Path) -> list[Path]:
    """Every entry of the class folder, by name."""
    return sorted(folder.iterdir(), key=lambda p: p.name)


def why_not(entry: Path) -> str:
    """Why an entry of the class folder is not a submission ("" if it is)."""
    if entry.name.startswith("."):
        return "a hidden entry (its name starts with a dot): not graded"
    if entry.is_symlink():
        return "a symbolic link: links are not followed"
    if entry.is_file():
        if entry.suffix.lower() in (".zip", ".tar", ".gz", ".tgz"):
            return "an archive: unpack it into a folder of its own"
        return "a file, not a student's folder"
    if not entry.is_dir():
        return "not a folder"
    return ""


def lab_of(test_name: str) -> str:
    """'lab 2: fifo' or 'stage 2, lab 2: fifo' -> 'lab 2'."""
    head = test_name.split(":", 1)[0]
    return head.split(", ")[-1]


def read_results(path: Path, grade: StudentGrade) -> None:
    with open(path) as f:
        tests = json.load(f)["tests"]
    for t in tests:
        if t["name"] == STAFF_NOTES:
            grade.flags += t["output"].splitlines()
            continue
        lab = lab_of(t["name"])
        score, top = grade.labs.get(lab, (0.0, 0.0))
        grade.labs[lab] = (score + t["score"], top + t["max_score"])
        if t["score"] == t["max_score"]:
            grade.passed += 1
        else:
            grade.failed += 1


def grade_class(
    folder: Path,
    reference: Path,
    out: Path,
    options: list[str],
    grade_one: Callable[[list[str]], int],
) -> list[StudentGrade]:
    """Grade every submission in folder; grade_one is the grader's own
    entry point (python3 -m grader ARGS), options go to each run."""
    out.mkdir(parents=True, exist_ok=True)
    grades = []
    for entry in entries(folder):
        grade = StudentGrade(entry.name)
        grades.append(grade)
        grade.problem = why_not(entry)
        if grade.problem:
            print(summary_line(grade), flush=True)
            continue
        where = out / safe_name(entry.name)
        where.mkdir(parents=True, exist_ok=True)
        tree = submission.find_tree(entry)
        results = where / "results.json"
        results.unlink(missing_ok=True)
        text = io.StringIO()
        if tree != entry:
            text.write(
                f"graded {tree.relative_to(entry)}/, the one folder in "
                f"{entry.name}/\n"
            )
        with contextlib.redirect_stdout(text), contextlib.redirect_stderr(
            text
        ):
            grade_one(
                [
                    "--tree",
                    str(reference),
                    "--submission",
                    str(tree),
                    "--json",
                    str(results),
                    "--junit",
                    str(where / "junit.xml"),
                    *options,
                ]
            )
        (where / "report.txt").write_text(text.getvalue())
        if results.exists():
            read_results(results, grade)
        else:
            last = text.getvalue().strip().splitlines()[-1:] or ["no output"]
            grade.problem = last[0].removeprefix("grader: ")
        print(summary_line(grade), flush=True)
    write_csv(out / "grades.csv", grades)
    return grades


def safe_name(name: str) -> str:
    """A student's folder name as a folder name of ours."""
    cleaned = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in name)
    return cleaned.lstrip(".") or "_"


def summary_line(grade: StudentGrade) -> str:
    if grade.problem:
        return f"{grade.name}: not graded: {grade.problem}"
    labs = ", ".join(
        f"{lab} {s:g}/{m:g}" for lab, (s, m) in grade.labs.items()
    )
    flagged = f"; {len(grade.flags)} flags" if grade.flags else ""
    return (
        f"{grade.name}: {grade.score:g}/{grade.max_score:g} ({labs}); "
        f"{grade.passed} passed, {grade.failed} failed{flagged}"
    )


def cell(value: object) -> str:
    """A CSV cell no spreadsheet takes for a formula: text that starts with
    = + - @ (or a tab or carriage return) gets a leading apostrophe."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def write_csv(path: Path, grades: list[StudentGrade]) -> None:
    labs = sorted({lab for g in grades for lab in g.labs})
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "student",
                *labs,
                "total",
                "max",
                "passed",
                "failed",
                "problem",
                "flags",
            ]
        )
        for g in grades:
            w.writerow(
                [
                    cell(g.name),
                    *(
                        f"{g.labs[lab][0]:g}" if lab in g.labs else ""
                        for lab in labs
                    ),
                    "" if g.problem else f"{g.score:g}",
                    "" if g.problem else f"{g.max_score:g}",
                    "" if g.problem else g.passed,
                    "" if g.problem else g.failed,
                    cell(g.problem),
                    cell("; ".join(g.flags)),
                ]
            )


def print_table(grades: list[StudentGrade], out=sys.stdout) -> None:
    width = max([len(g.name) for g in grades] + [7])
    print(f"\n{'student':<{width}}  {'score':>9}  tests", file=out)
    for g in grades:
        score = "-" if g.problem else f"{g.score:g}/{g.max_score:g}"
        tests = g.problem or f"{g.passed} passed, {g.failed} failed"
        if g.flags:
            tests += f" ({len(g.flags)} forgery-screen flags)"
        print(f"{g.name:<{width}}  {score:>9}  {tests}", file=out)
