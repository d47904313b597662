# batch.py: grade a whole class (`python3 -m grader class DIR`).
#
# DIR holds one folder per student, each a kit tree as handed in. Each is
# prepared (submission.prepare: a pristine copy of the reference with the
# student's editable files) into OUT/NAME/tree, graded there one student
# after another (each student's tests in parallel), with OUT/NAME/report.txt
# (the grader's usual report), OUT/NAME/results.json (Gradescope's format)
# and OUT/NAME/junit.xml. A summary, one row per student, goes to the
# terminal and to OUT/grades.csv.
# One student's broken tree (no labs, a build error, a kernel that hangs)
# costs that student the points, never the rest of the class.

import contextlib
import csv
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import submission


@dataclass
class StudentGrade:
    name: str
    labs: dict[str, tuple[float, float]] = field(default_factory=dict)
    passed: int = 0
    failed: int = 0
    problem: str = ""  # why nothing could be graded

    @property
    def score(self) -> float:
        return sum(s for s, _ in self.labs.values())

    @property
    def max_score(self) -> float:
        return sum(m for _, m in self.labs.values())


def students(folder: Path) -> list[Path]:
    """The submissions in folder: its subfolders, by name."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith(".")
    )


def lab_of(test_name: str) -> str:
    """'lab 2: fifo' or 'stage 2, lab 2: fifo' -> 'lab 2'."""
    head = test_name.split(":", 1)[0]
    return head.split(", ")[-1]


def read_results(path: Path, grade: StudentGrade) -> None:
    with open(path) as f:
        tests = json.load(f)["tests"]
    for t in tests:
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
    for student in students(folder):
        where = out / student.name
        where.mkdir(parents=True, exist_ok=True)
        grade = StudentGrade(student.name)
        grades.append(grade)
        try:
            tree = submission.prepare(student, reference, where / "tree")
        except (submission.SubmissionError, OSError) as e:
            grade.problem = str(e)
            (where / "report.txt").write_text(f"not graded: {e}\n")
            print(f"{student.name}: not graded: {e}", flush=True)
            continue
        results = where / "results.json"
        results.unlink(missing_ok=True)
        text = io.StringIO()
        with contextlib.redirect_stdout(text), contextlib.redirect_stderr(
            text
        ):
            grade_one(
                [
                    "--tree",
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
            grade.problem = last[0]
        print(summary_line(grade), flush=True)
    write_csv(out / "grades.csv", grades)
    return grades


def summary_line(grade: StudentGrade) -> str:
    if grade.problem:
        return f"{grade.name}: not graded: {grade.problem}"
    labs = ", ".join(
        f"{lab} {s:g}/{m:g}" for lab, (s, m) in grade.labs.items()
    )
    return (
        f"{grade.name}: {grade.score:g}/{grade.max_score:g} ({labs}); "
        f"{grade.passed} passed, {grade.failed} failed"
    )


def write_csv(path: Path, grades: list[StudentGrade]) -> None:
    labs = sorted({lab for g in grades for lab in g.labs})
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            ["student", *labs, "total", "max", "passed", "failed", "problem"]
        )
        for g in grades:
            w.writerow(
                [
                    g.name,
                    *(
                        f"{g.labs[lab][0]:g}" if lab in g.labs else ""
                        for lab in labs
                    ),
                    f"{g.score:g}",
                    f"{g.max_score:g}",
                    g.passed,
                    g.failed,
                    g.problem,
                ]
            )


def print_table(grades: list[StudentGrade], out=sys.stdout) -> None:
    width = max([len(g.name) for g in grades] + [7])
    print(f"\n{'student':<{width}}  {'score':>9}  tests", file=out)
    for g in grades:
        score = "-" if g.problem else f"{g.score:g}/{g.max_score:g}"
        tests = g.problem or f"{g.passed} passed, {g.failed} failed"
        print(f"{g.name:<{width}}  {score:>9}  {tests}", file=out)
