#!/usr/bin/env python3
"""mutants.py: the mutant check (`make mutants [LAB=N]`, instructors).

A test suite is as good as the wrong solutions it catches. A *mutant* is a
known-wrong variant of the reference solution: one rule of a lab's chapter
broken on purpose, the way a student might break it. This tool builds each
mutant and grades it on its lab's tests; every mutant must lose points.
It prints one line per mutant and ends with `N mutants, N caught`; the exit
status is 0 only if every mutant was caught.

The mutants of lab N are listed in labs/labN-*/mutants.toml, one table
each, so that the reference code itself stays as students read it:

    [[mutant]]
    name = "respond-any-server"      # unique within the lab: [a-z0-9-]
    rule = "respond: ENOTCONN unless dst waits for our reply (§ respond)"
    file = "kernel/ipc/rendezvous.c" # from the top of the tree
    find = '''
        if (!ipc_awaits_reply(c, me))
    '''                              # exact text, found exactly once
    replace = '''
        if (c->blocked_on != B_REPLY)
    '''
    caught_by = "errors"             # the test of lab N expected to catch it

`rule` says which rule of the chapter the mutant breaks, in the chapter's
words, with its section. `find` must occur exactly once in `file`: a mutant
whose text is gone or ambiguous (the reference changed) stops the whole
check with an error before anything is built, never a silent pass. TOML's
''' strings keep C as it is written; a newline right after the opening
''' is dropped by TOML, and the one before the closing ''' belongs to the
text. A mutant that needs more than one change lists its edits instead of
file/find/replace, each with the same three keys:

    [[mutant]]
    name = "..."
    rule = "..."
    caught_by = "..."
    [[mutant.edit]]
    file = "..."
    find = '''...'''
    replace = '''...'''
    [[mutant.edit]]
    ...

How a mutant is checked, fast:

1. The reference stage N is built and graded on lab N's tests first: it
   must score full marks, or the check means nothing.
2. A mutant tree, build/mutants/labN/NAME/, is made of symbolic links to
   the reference's files, except the mutated files, written as new files
   (the reference is never touched). Its build/labN/ starts as a copy of
   the reference's (timestamps kept), so make rebuilds only what depends
   on a mutated file: usually one object and the link.
3. The grader grades the mutant tree on the test named in caught_by (all
   its seeds, up to the first that fails), in this process. If that test
   passes, the rest of lab N's tests are run; a mutant caught by another
   test counts as caught, and the line says which test it was expected
   to be.
4. Mutants run JOBS at a time (default: one per CPU), each with one QEMU.
5. A mutant of the general path is graded with fastpath=0 on the kernel
   command line, as a student's kernel (which has no fast path) runs; a
   mutant that edits kernel/ipc/fastpath.c, with the fast path on.

A lab N mutant is graded on stage N, on lab N's tests only. Labs 4 and 5
add a mutants.toml of their own in the same format; nothing here changes.

Usage: tools/mutants.py [--lab N] [--only NAME[,NAME]] [-j JOBS] [--keep]
                        [--list] [--table FILE --lab N] [--reference-graded]
                        [--every K]

--table FILE checks the mutants of FILE (same format) as lab N's instead of
the lab's own table: a way to try new mutants before adding them.
--reference-graded skips step 1's grading (not its build): make test passes
it when its stages suite has just graded every stage to full marks, tests
with seeds drawn at grading time included. --every K checks a fixed part:
the first mutant of each lab's table and every K-th after it. make test
checks half of them this way (--every 2), so that it stays a few minutes
long; make mutants, and CI, check every one.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import build as grader_build  # noqa: E402
from grader import grade as grader_grade  # noqa: E402
from grader import spec  # noqa: E402
from grader.options import with_kernel_args  # noqa: E402

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MUTANT_KEYS = {"name", "rule", "file", "find", "replace", "caught_by", "edit"}
EDIT_KEYS = {"file", "find", "replace"}
LEFT_OUT = {"build", ".git"}  # never linked into a mutant tree
# The reference's IPC fast path: mutants that edit it run with it on.
FASTPATH = "kernel/ipc/fastpath.c"

# Copied, not linked: the grader finds its tree from its own files' real
# paths, so that `make -C TREE run` in a mutant tree boots the mutant.
COPIED = {"grader"}
LOG_LINES = 15
ISO = {"kernel.iso", "iso", "grub-mkrescue.log"}  # not copied into a mutant


class TableError(Exception):
    """A mutants.toml is wrong, or a mutant no longer applies."""


@dataclass(frozen=True)
class Edit:
    file: str
    find: str
    replace: str


@dataclass
class Mutant:
    lab: int
    name: str
    rule: str
    caught_by: str
    edits: list[Edit]
    table: Path


@dataclass
class Outcome:
    mutant: Mutant
    caught_by: list[str] = field(default_factory=list)
    error: str = ""  # the mutant could not be checked (build, grader)
    seconds: float = 0.0


# --- the tables --------------------------------------------------------------


def lab_dirs(root: Path) -> dict[int, Path]:
    found = {}
    for d in sorted((root / "labs").glob("lab*-*")):
        m = re.match(r"^lab(\d+)-", d.name)
        if m and d.is_dir():
            found[int(m.group(1))] = d
    return found


def lab_tests(lab_dir: Path) -> list[str]:
    with open(lab_dir / "tests.toml", "rb") as f:
        return [t["name"] for t in tomllib.load(f).get("test", [])]


def guest_limit(root: Path, m: Mutant) -> int:
    """The guest-time limit of the test expected to catch m, times its
    seeds: how long m may take if it hangs that test."""
    with open(lab_dirs(root)[m.lab] / "tests.toml", "rb") as f:
        for t in tomllib.load(f).get("test", []):
            if t["name"] == m.caught_by:
                return t.get("limit", 3000) * len(t.get("seeds", [1]))
    return 0


def load_table(
    lab: int, lab_dir: Path, root: Path, path: Path | None = None
) -> list[Mutant]:
    """Read and check one lab's mutants.toml (or the table at path) against
    the tree at root."""
    path = path or lab_dir / "mutants.toml"
    if not path.is_file():
        return []
    where = path.relative_to(root) if path.is_relative_to(root) else path
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise TableError(f"{where}: {e}") from None
    unknown = set(data) - {"mutant"}
    if unknown:
        raise TableError(f"{where}: unknown keys {sorted(unknown)}")
    tests = set(lab_tests(lab_dir))
    mutants, names = [], set()
    for i, entry in enumerate(data.get("mutant", [])):
        m = check_entry(entry, lab, where, i, tests, root)
        if m.name in names:
            raise TableError(f"{where}: two mutants are named {m.name}")
        names.add(m.name)
        mutants.append(m)
    return mutants


def check_entry(
    entry: dict, lab: int, where: Path, i: int, tests: set[str], root: Path
) -> Mutant:
    label = f"{where}, mutant {entry.get('name', f'#{i + 1}')}"
    unknown = set(entry) - MUTANT_KEYS
    if unknown:
        raise TableError(f"{label}: unknown keys {sorted(unknown)}")
    for key in ("name", "rule", "caught_by"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise TableError(f"{label}: '{key}' must be a non-empty string")
    if not NAME_RE.match(entry["name"]):
        raise TableError(f"{label}: a name is lower case, digits and '-'")
    if entry["caught_by"] not in tests:
        raise TableError(
            f"{label}: caught_by names {entry['caught_by']!r}, which is not "
            f"a test of lab {lab}"
        )
    single = EDIT_KEYS & set(entry)
    if single and "edit" in entry:
        raise TableError(f"{label}: give file/find/replace or [[edit]]s")
    raw = [entry] if single else entry.get("edit", [])
    if not raw:
        raise TableError(f"{label}: no edit (file, find, replace)")
    edits = []
    for e in raw:
        missing = [
            k for k in sorted(EDIT_KEYS) if not isinstance(e.get(k), str)
        ]
        extra = set(e) - EDIT_KEYS if e is not entry else set()
        if missing or extra:
            raise TableError(
                f"{label}: an edit has exactly file, find and replace "
                "(strings)"
            )
        edits.append(Edit(e["file"], e["find"], e["replace"]))
    m = Mutant(
        lab,
        entry["name"],
        " ".join(entry["rule"].split()),
        entry["caught_by"],
        edits,
        where,
    )
    check_applies(m, root, label)
    return m


def check_applies(m: Mutant, root: Path, label: str) -> None:
    """Every snippet occurs exactly once; the mutant changes something."""
    for e in m.edits:
        path = root / e.file
        if not path.is_file() or path.is_symlink():
            raise TableError(f"{label}: no file {e.file}")
        if not e.find:
            raise TableError(f"{label}: an empty 'find' in {e.file}")
        if e.find == e.replace:
            raise TableError(f"{label}: find and replace are the same")
        count = path.read_text(encoding="utf-8").count(e.find)
        if count != 1:
            raise TableError(
                f"{label}: its 'find' text occurs {count} times in {e.file}, "
                "not once: the mutant no longer applies to the reference "
                "(update the table)"
            )


def mutated_files(m: Mutant, root: Path) -> dict[str, str]:
    """file -> its text with every edit of the mutant applied."""
    texts: dict[str, str] = {}
    for e in m.edits:
        text = texts.get(e.file)
        if text is None:
            text = (root / e.file).read_text(encoding="utf-8")
        if text.count(e.find) != 1:
            raise TableError(
                f"mutant {m.name}: two of its edits overlap in {e.file}"
            )
        texts[e.file] = text.replace(e.find, e.replace)
    return texts


# --- mutant trees ------------------------------------------------------------


def shadow(src: Path, dst: Path, real: dict[str, str], rel: str = "") -> None:
    """Make dst a tree of links to src's entries; the files in 'real'
    (path -> text) are written instead, and the directories leading to them
    are real directories (of links)."""
    dst.mkdir(parents=True, exist_ok=True)
    for entry in sorted(os.listdir(src)):
        path = f"{rel}{entry}"
        if not rel and entry in LEFT_OUT:
            continue
        if path in real:
            (dst / entry).write_text(real[path], encoding="utf-8")
        elif not rel and entry in COPIED:
            shutil.copytree(
                src / entry,
                dst / entry,
                ignore=shutil.ignore_patterns("__pycache__"),
            )
        elif any(f.startswith(path + "/") for f in real):
            shadow(src / entry, dst / entry, real, path + "/")
        else:
            os.symlink(src / entry, dst / entry)


def make_tree(m: Mutant, root: Path, where: Path) -> None:
    """The mutant's tree at 'where', its build seeded from the reference."""
    if where.exists():
        shutil.rmtree(where)
    shadow(root, where, mutated_files(m, root))
    build = where / "build"
    build.mkdir()
    for stamp in (root / "build").glob(".deps-*"):
        shutil.copy2(stamp, build / stamp.name)
    # Everything but the GRUB ISO and its folder: the grader makes one for
    # each boot of a test that needs it, from the mutant's kernel.
    stage = root / "build" / f"lab{m.lab}"
    (build / stage.name).mkdir()
    entries = [p for p in sorted(stage.iterdir()) if p.name not in ISO]
    if not entries:
        return
    subprocess.run(
        [
            "cp",
            "-a",
            *(str(p) for p in entries),
            str(build / stage.name),
        ],
        check=True,
    )


def tail(text: str) -> str:
    return "\n".join(text.rstrip().splitlines()[-LOG_LINES:])


def make_kernel(tree: Path, stage: int) -> tuple[bool, str]:
    proc = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "-C",
            str(tree),
            f"LAB={stage}",
            "kernel",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=grader_build.make_environ(),
    )
    return proc.returncode == 0, proc.stdout


def grade(
    tree: Path,
    stage: int,
    tests: list[str] | None,
    jobs: int,
    kernel_args: str = "",
) -> tuple[list[str], str]:
    """Grade lab `stage`'s tests (or only 'tests') in 'tree', as
    `python3 -m grader --tree TREE --stage N --lab N [--test ...]` does,
    but in this process (a grader started for each mutant would cost more
    than most of its boots): the names of the tests that lost points, and
    an error if the grader failed."""
    try:
        labs = spec.load_stage_labs(tree, stage, spec.hidden_root(tree))
        chosen = [
            t
            for lab in labs
            for t in lab.tests
            if t.lab == stage and (not tests or t.name in tests)
        ]
        if kernel_args:
            chosen = [with_kernel_args(t, kernel_args) for t in chosen]
        # Built already: the kernel is booted as it is. A test that needs
        # the GRUB ISO has one made for each of its boots by the grader.
        kernel = grader_build.kernel_path(tree, stage)
        if not kernel.is_file():
            kernel = grader_build.build_kernel(tree, stage)
        one = grader_grade.Stage(stage, chosen, kernel=kernel, tree=tree)
        results = grader_grade.grade([one], jobs, lambda _: None)
    except (grader_build.BuildError, spec.SpecError, OSError) as e:
        return [], f"the grader failed: {type(e).__name__}: {e}"
    return [r.test.name for r in results if r.score < r.test.points], ""


def check(m: Mutant, root: Path, work: Path, keep: bool) -> Outcome:
    """Build one mutant and grade it: which tests caught it."""
    start = time.monotonic()
    out = Outcome(m)
    tree = work / f"lab{m.lab}" / m.name
    try:
        checked(m, root, tree, out)
    except (OSError, subprocess.SubprocessError, TableError) as e:
        out.error = f"{type(e).__name__}: {e}"
    out.seconds = time.monotonic() - start
    if not keep and not out.error and out.caught_by:
        shutil.rmtree(tree, ignore_errors=True)
    return out


def checked(m: Mutant, root: Path, tree: Path, out: Outcome) -> None:
    make_tree(m, root, tree)
    ok, log = make_kernel(tree, m.lab)
    if not ok:
        out.error = f"it does not build:\n{tail(log)}"
        return
    words = kernel_args_of(m)
    failed, out.error = grade(tree, m.lab, [m.caught_by], 1, words)
    if not failed and not out.error:
        others = [t for t in lab_tests_of(root, m.lab) if t != m.caught_by]
        if others:
            failed, out.error = grade(tree, m.lab, others, 1, words)
    out.caught_by = failed


def kernel_args_of(m: Mutant) -> str:
    """A mutant of the general path is graded with fastpath=0, as a
    student's kernel runs (a kit has no fast path, which would otherwise
    take the usual cases and hide the mutation); a mutant of the fast
    path itself, with the fast path on."""
    return "" if any(e.file == FASTPATH for e in m.edits) else "fastpath=0"


def lab_tests_of(root: Path, lab: int) -> list[str]:
    return lab_tests(lab_dirs(root)[lab])


# --- reporting ---------------------------------------------------------------


def verdict(out: Outcome) -> str:
    if out.error:
        return "ERROR"
    if not out.caught_by:
        return "NOT caught"
    first = out.caught_by[0]
    if out.mutant.caught_by in out.caught_by:
        return f"caught by {out.mutant.caught_by}"
    return f"caught by {first}"


def line(out: Outcome) -> str:
    m = out.mutant
    text = (
        f"{verdict(out):<24} lab {m.lab} {m.name}: {m.rule} "
        f"({out.seconds:.1f}s)"
    )
    if out.caught_by and m.caught_by not in out.caught_by:
        text += f" [listed as caught by {m.caught_by}: update the table]"
    if out.error:
        text += "\n    " + out.error.replace("\n", "\n    ")
    elif not out.caught_by:
        text += (
            f"\n    every test of lab {m.lab} passes with it; its tree: "
            f"build/mutants/lab{m.lab}/{m.name} (make -C it run "
            f"LAB={m.lab} TEST={m.caught_by})"
        )
    return text


def print_table(mutants: list[Mutant]) -> None:
    for m in mutants:
        files = ", ".join(sorted({e.file for e in m.edits}))
        print(f"lab {m.lab}  {m.name:<34} {m.caught_by:<12} {files}")
        print(f"       {m.rule}")


# --- main --------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="tools/mutants.py",
        description="Grade each known-wrong variant of the reference "
        "(labs/labN-*/mutants.toml) on its lab's tests; every one must "
        "lose points.",
    )
    p.add_argument("--lab", type=int, metavar="N", help="only lab N's mutants")
    p.add_argument(
        "--only", metavar="NAME[,NAME]", help="only the mutants named"
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="JOBS",
        help="mutants checked at once (default: one per CPU)",
    )
    p.add_argument(
        "--keep",
        action="store_true",
        help="keep every mutant's tree in build/mutants/ (a mutant that "
        "is not caught, or fails to build, always keeps its tree)",
    )
    p.add_argument(
        "--table",
        metavar="FILE",
        help="check the mutants in FILE as lab N's (with --lab N) instead "
        "of the lab's own table",
    )
    p.add_argument(
        "--list",
        action="store_true",
        help="print the mutants (lab, name, test, files, rule); build nothing",
    )
    p.add_argument(
        "--every",
        type=int,
        default=1,
        metavar="K",
        help="check the first mutant of each lab's table and every K-th "
        "after it, the same ones on every run (make test passes 2; "
        "make mutants checks them all)",
    )
    p.add_argument(
        "--reference-graded",
        action="store_true",
        help="the caller has just graded every stage of this tree to full "
        "marks (make test's stages suite): build the reference stages, do "
        "not grade them again",
    )
    return p.parse_args(argv)


def select(args: argparse.Namespace, root: Path) -> list[Mutant]:
    labs = lab_dirs(root)
    if args.lab is not None and args.lab not in labs:
        raise TableError(f"no lab {args.lab} in {root / 'labs'}")
    mutants: list[Mutant] = []
    if args.table:
        if args.lab is None:
            raise TableError("--table FILE needs --lab N: whose mutants")
        table = Path(args.table).resolve()
        if not table.is_file():
            raise TableError(f"no such file: {args.table}")
        mutants = load_table(args.lab, labs[args.lab], root, table)
    for n, d in labs.items():
        if not args.table and (args.lab is None or n == args.lab):
            mutants += load_table(n, d, root)[:: max(1, args.every)]
    if args.only:
        names = set(args.only.split(","))
        unknown = names - {m.name for m in mutants}
        if unknown:
            raise TableError(f"no mutant named {', '.join(sorted(unknown))}")
        mutants = [m for m in mutants if m.name in names]
    return mutants


def check_references(
    root: Path, labs: list[int], jobs: int, graded: bool = False
) -> bool:
    """Each lab's reference stage builds and scores full marks on its
    lab's tests (graded: the caller has just seen it score them)."""
    ok = True
    for lab in labs:
        built, log = make_kernel(root, lab)
        if not built:
            print(f"reference: stage {lab} does not build:\n{tail(log)}")
            return False
        if graded:
            print(f"reference: lab {lab}, graded to full marks just before")
            continue
        failed, error = grade(root, lab, None, jobs)
        if error or failed:
            why = error or f"it fails {', '.join(failed)}"
            print(
                f"reference: lab {lab} does not score full marks ({why}): "
                "a mutant check against it means nothing"
            )
            ok = False
        else:
            print(f"reference: lab {lab}, every test passes")
    return ok


def run(
    mutants: list[Mutant], root: Path, jobs: int, keep: bool, start: float
) -> int:
    work = root / "build" / "mutants"
    work.mkdir(parents=True, exist_ok=True)
    results: list[Outcome | None] = [None] * len(mutants)
    printed = 0
    lock = threading.Lock()

    def done(i: int, out: Outcome) -> None:
        nonlocal printed
        with lock:
            results[i] = out
            while printed < len(results) and results[printed] is not None:
                print(line(results[printed]), flush=True)
                printed += 1

    # The longest first (a test with a long guest-time limit is the one a
    # hanging mutant runs to its end), so that no long one is left alone
    # at the end; lines are still printed in the tables' order.
    order = sorted(
        range(len(mutants)),
        key=lambda i: -guest_limit(root, mutants[i]),
    )
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for i in order:
            m = mutants[i]
            pool.submit(lambda i=i, m=m: done(i, check(m, root, work, keep)))
    outs = [r for r in results if r is not None]
    caught = sum(1 for o in outs if o.caught_by and not o.error)
    errors = sum(1 for o in outs if o.error)
    missed = len(outs) - caught - errors
    if missed or errors:
        print(
            f"{missed} mutant(s) not caught, {errors} could not be checked: "
            "every mutant must lose points (docs/tools.md, make mutants)"
        )
    print(f"checked in {time.monotonic() - start:.0f} s")
    print(f"{len(outs)} mutants, {caught} caught")
    return 0 if caught == len(mutants) and len(outs) == len(mutants) else 1


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        mutants = select(args, ROOT)
    except TableError as e:
        print(f"mutants: {e}", file=sys.stderr)
        return 2
    if args.list:
        print_table(mutants)
        print(f"{len(mutants)} mutants")
        return 0
    if not mutants:
        print("mutants: no mutants to check (labs/labN-*/mutants.toml)")
        return 2
    start = time.monotonic()
    labs = sorted({m.lab for m in mutants})
    jobs = max(1, args.jobs)
    print(
        f"mutant check: {len(mutants)} mutants of lab"
        f"{'s' if len(labs) > 1 else ''} {', '.join(map(str, labs))}, "
        f"{jobs} at a time"
    )
    if not check_references(ROOT, labs, jobs, args.reference_graded):
        return 1
    try:
        return run(mutants, ROOT, jobs, args.keep, start)
    except TableError as e:
        print(f"mutants: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
