# __main__.py: the grader's command line, one module per mode:
#
#   python3 -m grader [...]             grade a kit tree, or --submission DIR
#                                       (cmd_grade.py)
#   python3 -m grader class DIR [...]   grade a whole class (cmd_class.py)
#   python3 -m grader run [...]         boot one test by hand (cmd_run.py)
#   python3 -m grader gradescope [...]  what Gradescope's run_autograder runs
#                                       (cmd_gradescope.py)
#
# `python3 -m grader MODE --help` describes each. Exit status 2 is a usage
# or tool error; the modes say what 0 and 1 mean.

import sys

from . import cmd_class, cmd_grade, cmd_gradescope, cmd_run, qemu
from .kitcut import KitError
from .options import UsageError
from .spec import SpecError
from .submission import SubmissionError

MODES = {
    "run": cmd_run.main,
    "class": cmd_class.main,
    "gradescope": cmd_gradescope.main,
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    mode = MODES.get(argv[0]) if argv else None
    try:
        if mode is not None:
            return mode(argv[1:])
        return cmd_grade.main(argv)
    except (UsageError, SpecError, SubmissionError, KitError) as e:
        print(f"grader: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        qemu.kill_all()
        print("\ngrader: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
