# cmd_gradescope.py: `python3 -m grader gradescope`, what Gradescope's
# run_autograder runs for each submission (tools/gradescope.py builds the
# bundle).
#
#   python3 -m grader gradescope [--extra-seeds K] [--budget SECONDS]
#                                [-j JOBS]
#       grades $AUTOGRADER_ROOT/submission (default root: /autograder;
#       the tree itself, or the one folder it holds) as --submission does,
#       against the kit this grader sits in (the bundle's source: a cut
#       kit, no solution of its lab), and always writes
#       ROOT/results/results.json: when nothing can be graded, it says why.

import argparse
import json
import os
import traceback
from pathlib import Path

from . import cmd_grade, submission
from .options import (
    KIT_ROOT,
    add_submission_limits,
    add_tests_and_jobs,
)

NOT_A_KIT = (
    "The submission could not be graded: {why}. Upload the kit tree (the "
    "folder holding Makefile, STUDENT_FILES, kernel/ and labs/, or the "
    "files themselves)."
)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 -m grader gradescope",
        description="Grade the Gradescope submission in "
        "$AUTOGRADER_ROOT/submission (default /autograder) and write "
        "results/results.json.",
    )
    add_tests_and_jobs(p)
    add_submission_limits(p)
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    root = Path(os.environ.get("AUTOGRADER_ROOT", "/autograder"))
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.unlink(missing_ok=True)
    sub = root / "submission"
    try:
        tree = submission.find_tree(sub) if sub.is_dir() else sub
        options = ["--tree", str(KIT_ROOT), "--submission", str(tree)]
        options += ["--json", str(results), "-j", str(args.jobs)]
        options += ["--build-timeout", str(args.build_timeout)]
        for flag, value in (
            ("--test", args.test),
            ("--budget", args.budget),
            ("--workdir", args.workdir),
            ("--seed-salt", args.seed_salt),
        ):
            if value is not None:
                options += [flag, str(value)]
        if args.extra_seeds:
            options += ["--extra-seeds", str(args.extra_seeds)]
        cmd_grade.main(options)
    except submission.SubmissionError as e:
        write(results, NOT_A_KIT.format(why=e))
    except Exception as e:  # never leave the student without a result
        traceback.print_exc()
        write(
            results,
            f"The autograder failed: {type(e).__name__}: {e}. "
            "Tell the course staff.",
        )
    if not results.exists():
        write(
            results,
            "The autograder wrote no results. Tell the course " "staff.",
        )
    return 0


def write(path: Path, message: str) -> None:
    path.write_text(
        json.dumps({"score": 0, "output": message, "tests": []}, indent=2)
        + "\n"
    )
