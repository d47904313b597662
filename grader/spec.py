# spec.py: find the labs of a kit tree and load their test specs.
#
# Each lab directory labs/labN-NAME/ may hold a tests.toml (format below) and
# an oracle.py.  A stage N kernel holds labs 1..N, so grading stage N runs
# the tests of every lab 1..N present.  Specs are checked strictly when they
# load (unknown keys, wrong types, bad regexes): a typo in a spec must stop
# the grader with a clear message, never silently grade something else.
#
#     [lab]
#     number = 1
#     title = "Booting"
#
#     [[test]]
#     name = "banner"       # the kernel test name, passed as test=NAME
#     points = 5
#     boot = "iso"          # "kernel" (QEMU -kernel, default) or "iso" (GRUB)
#     seeds = [1, 2]        # default [1]; passes only if every seed passes
#     mem = 64              # MiB
#     limit = 3000          # guest-time limit in ticks, passed as limit=
#     wall = 60             # wall-clock backstop in seconds (default: sized
#                           # from limit, see backstop below)
#     expect = ['^kernel\| kit stage \d+ booting$']   # in this order
#     unordered = []        # each must match some line, any order
#     forbid = ['PANIC']    # no line may match
#     leak_check = true     # requires 'kernel| leak check: frames=0 messages=0'
#                           # (and, from stage 4, ports=0 mailboxes=0)
#     oracle = "banner"     # function in oracle.py next to tests.toml
#     hint = "..."          # shown when the test fails
#     args = "key=val"      # extra kernel command-line words
#     verdict = "panic"     # how the run must end to pass: "pass" (KIT END
#                           # done, default), "panic" (a test of panic itself)
#                           # or "timeout" (a test of the guest-time limit)
#     extra_seeds = true    # may the grader add seeds drawn at grading time
#                           # (--extra-seeds)? default: yes when the test
#                           # lists two seeds or more (it is seed-driven)
#     visibility = "visible"   # Gradescope's: "visible", "hidden",
#                           # "after_due_date", "after_published"
#     show_output = 15      # last lines of output a student is shown
#
#     [[test.hints]]        # hints keyed to what was seen (hints.py); the
#     errno = "ENOTCONN"    # first that matches a failed run is shown, else
#     line = 'respond'      # `hint`. One key of: output (regex on a line),
#     text = "..."          # errno (an error name a program printed, on a
#                           # line matching `line` if given), trace (regex
#                           # on an error event of the trace), state (regex
#                           # on a process line of the time-limit dump);
#                           # `verdict` limits it to runs that ended so.
#
# [lab] may also set visibility and show_output for all its tests. A hidden
# lab (an instructor's private folder, HIDDEN/labN-*/tests.toml with its
# oracle.py and tests/*.c, never in a kit) has the same format; its tests
# default to visibility "after_published" and show_output = 0.

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LAB_DIR_RE = re.compile(r"^lab(\d+)-")
NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
SEED_MAX = 2**32 - 1


class SpecError(Exception):
    """A tests.toml (or the labs/ directory) is not what the grader expects."""


BOOT_WALL = 10.0  # seconds a boot may take to reach KIT BEGIN
ISO_WALL = 10.0  # and more through GRUB
WALL_PER_TICK = 0.004  # seconds per guest tick (100 Hz): the guest may run
#                        at 2.5 times real time before the backstop fires
#                        (it runs 25 times faster on an idle core, 6 times
#                        on a machine loaded four times over)
NO_LIMIT_WALL = 60.0  # the backstop of a test without a guest-time limit
VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
SHOW_OUTPUT = 15  # last lines of output shown to a student by default


@dataclass(frozen=True)
class Hint:
    """A hint shown when a failed run shows `kind` matching `pattern`."""

    kind: str  # "output", "errno", "trace" or "state"
    pattern: re.Pattern
    text: str
    line: re.Pattern | None = None  # errno: only on lines matching this
    verdict: str | None = None  # only for runs that ended so


@dataclass(frozen=True)
class Test:
    lab: int
    name: str
    points: float
    boot: str = "kernel"
    seeds: tuple[int, ...] = (1,)
    mem: int = 64
    limit: int = 3000
    wall_given: float | None = None  # the spec's wall; None: sized
    expect: tuple[re.Pattern, ...] = ()
    unordered: tuple[re.Pattern, ...] = ()
    forbid: tuple[re.Pattern, ...] = ()
    leak_check: bool = True
    oracle: str | None = None
    hint: str = ""
    args: str = ""
    lab_dir: Path = Path(".")
    lab_title: str = ""
    verdict: str = "pass"
    hints: tuple[Hint, ...] = ()
    extra_seeds: bool | None = None  # None: when seeds has two or more
    hidden: bool = False  # from an instructor's hidden folder
    visibility: str = "visible"
    show_output: int = SHOW_OUTPUT

    @property
    def wall(self) -> float:
        """The wall-clock backstop of one boot, sized from the guest-time
        limit unless the spec gives one."""
        if self.wall_given is not None:
            return self.wall_given
        if self.limit == 0:
            return NO_LIMIT_WALL
        iso = ISO_WALL if self.boot == "iso" else 0.0
        return BOOT_WALL + iso + self.limit * WALL_PER_TICK

    @property
    def begin_wall(self) -> float:
        """Seconds a boot may take to print KIT BEGIN."""
        return min(
            self.wall, BOOT_WALL + (ISO_WALL if self.boot == "iso" else 0)
        )

    @property
    def takes_extra_seeds(self) -> bool:
        if self.extra_seeds is not None:
            return self.extra_seeds
        return len(self.seeds) > 1


@dataclass
class Lab:
    number: int
    title: str
    dir: Path
    tests: list[Test] = field(default_factory=list)
    hidden: bool = False


# key -> (accepted types, description for error messages)
TEST_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "name": ((str,), "a string"),
    "points": ((int, float), "a number"),
    "boot": ((str,), '"kernel" or "iso"'),
    "seeds": ((list,), "a list of integers"),
    "mem": ((int,), "an integer (MiB)"),
    "limit": ((int,), "an integer (ticks)"),
    "wall": ((int, float), "a number (seconds)"),
    "expect": ((list,), "a list of regexes"),
    "unordered": ((list,), "a list of regexes"),
    "forbid": ((list,), "a list of regexes"),
    "leak_check": ((bool,), "true or false"),
    "oracle": ((str,), "a function name"),
    "hint": ((str,), "a string"),
    "args": ((str,), "a string of key=value words"),
    "verdict": ((str,), '"pass", "panic" or "timeout"'),
    "extra_seeds": ((bool,), "true or false"),
    "visibility": ((str,), " or ".join(f'"{v}"' for v in VISIBILITIES)),
    "show_output": ((int,), "a number of lines"),
    "hints": ((list,), "a list of [[test.hints]] tables"),
}
LAB_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "number": ((int,), "an integer"),
    "title": ((str,), "a string"),
    "visibility": TEST_KEYS["visibility"],
    "show_output": TEST_KEYS["show_output"],
}
HINT_KINDS = ("output", "errno", "trace", "state")
HINT_KEYS = (*HINT_KINDS, "text", "line", "verdict")
VERDICTS = ("pass", "panic", "timeout")
RUN_VERDICTS = ("fail", "panic", "timeout", "reset", "no end marker", "flood")
ERRNO_RE = re.compile(r"^E[A-Z0-9]+$")


def lab_dirs(tree: Path) -> dict[int, Path]:
    """Map lab number -> labs/labN-* directory of a kit tree."""
    found: dict[int, Path] = {}
    labs = tree / "labs"
    if not labs.is_dir():
        return found
    for entry in sorted(labs.iterdir()):
        match = LAB_DIR_RE.match(entry.name)
        if not match or not entry.is_dir():
            continue
        number = int(match.group(1))
        if number in found:
            raise SpecError(
                f"two directories for lab {number}: "
                f"{found[number]} and {entry}"
            )
        found[number] = entry
    return found


def highest_stage(tree: Path) -> int:
    """The highest N such that labs/labN-* exists (0 when there is none)."""
    return max(lab_dirs(tree), default=0)


def hidden_root(tree: Path) -> Path | None:
    """The hidden tests kept with a tree (TREE/hidden), if there are any."""
    root = tree / "hidden"
    return root if root.is_dir() else None


def load_stage_labs(
    tree: Path, stage: int, hidden: Path | None = None
) -> list[Lab]:
    """The labs graded at stage N: every lab 1..N present, in order; the
    tests of the hidden folder's labs 1..N join their lab's, after them."""
    dirs = lab_dirs(tree)
    labs = []
    for number in sorted(n for n in dirs if n <= stage):
        spec = dirs[number] / "tests.toml"
        if spec.exists():
            labs.append(load_lab(spec, expected_number=number))
        else:
            labs.append(Lab(number, dirs[number].name, dirs[number]))
    if hidden is not None:
        add_hidden(labs, hidden, stage)
    return labs


def add_hidden(labs: list[Lab], hidden: Path, stage: int) -> None:
    by_number = {lab.number: lab for lab in labs}
    for number, folder in sorted(lab_dirs_in(hidden).items()):
        spec = folder / "tests.toml"
        if number > stage or not spec.exists():
            continue
        extra = load_lab(spec, expected_number=number, hidden=True)
        lab = by_number.get(number)
        if lab is None:
            raise SpecError(
                f"{spec}: hidden tests of lab {number}, a lab the tree "
                "does not have"
            )
        clash = {t.name for t in lab.tests} & {t.name for t in extra.tests}
        if clash:
            raise SpecError(
                f"{spec}: hidden test names also in {lab.dir.name}: "
                f"{', '.join(sorted(clash))}"
            )
        lab.tests.extend(
            dataclasses.replace(t, lab_title=lab.title) for t in extra.tests
        )


def lab_dirs_in(folder: Path) -> dict[int, Path]:
    """labN-* folders of a folder (a hidden-tests folder has no labs/)."""
    found: dict[int, Path] = {}
    for entry in sorted(folder.iterdir()):
        match = LAB_DIR_RE.match(entry.name)
        if match and entry.is_dir():
            number = int(match.group(1))
            if number in found:
                raise SpecError(
                    f"two folders for lab {number}: {found[number]} and "
                    f"{entry}"
                )
            found[number] = entry
    return found


def hidden_programs(hidden: Path, stage: int) -> list[Path]:
    """The test programs (labN-*/tests/*.c) of a hidden folder's labs
    1..stage: these go into the graded kernel image."""
    return [
        program
        for number, folder in sorted(lab_dirs_in(hidden).items())
        if number <= stage
        for program in sorted((folder / "tests").glob("*.c"))
    ]


def load_lab(
    path: Path, expected_number: int | None = None, hidden: bool = False
) -> Lab:
    """Load and check one tests.toml."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SpecError(f"{path}: {e}") from None
    header = data.get("lab")
    if not isinstance(header, dict) or not isinstance(
        header.get("number"), int
    ):
        raise SpecError(f"{path}: needs a [lab] table with number = N")
    check_keys(header, LAB_KEYS, f"{path}: [lab]")
    number = header["number"]
    if expected_number is not None and number != expected_number:
        raise SpecError(
            f"{path}: [lab] number = {number}, but the directory "
            f"is lab {expected_number}"
        )
    unknown = set(data) - {"lab", "test"}
    if unknown:
        raise SpecError(
            f"{path}: unknown table(s): {', '.join(sorted(unknown))}"
        )
    lab = Lab(
        number,
        str(header.get("title", "")),
        path.parent.resolve(),
        hidden=hidden,
    )
    defaults = {
        "visibility": header.get(
            "visibility", "after_published" if hidden else "visible"
        ),
        "show_output": header.get("show_output", 0 if hidden else SHOW_OUTPUT),
    }
    for i, entry in enumerate(data.get("test", [])):
        lab.tests.append(
            parse_test(entry, lab, f"{path}: test #{i + 1}", defaults)
        )
    names = [t.name for t in lab.tests]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SpecError(
            f"{path}: test names used twice: {', '.join(duplicates)}"
        )
    return lab


def check_keys(
    entry: dict, keys: dict[str, tuple[tuple[type, ...], str]], where: str
) -> None:
    for key, value in entry.items():
        if key not in keys:
            raise SpecError(f"{where}: unknown key {key!r}")
        types, wanted = keys[key]
        if not isinstance(value, types) or (
            isinstance(value, bool) and bool not in types
        ):
            raise SpecError(f"{where}: {key} must be {wanted}")
    if entry.get("visibility", "visible") not in VISIBILITIES:
        raise SpecError(f"{where}: visibility must be {keys['visibility'][1]}")
    if entry.get("show_output", 0) < 0:
        raise SpecError(f"{where}: show_output must be >= 0")


def parse_test(
    entry: dict, lab: Lab, where: str, defaults: dict | None = None
) -> Test:
    """Check one [[test]] table and turn it into a Test."""
    check_keys(entry, TEST_KEYS, where)
    for key in ("name", "points"):
        if key not in entry:
            raise SpecError(f"{where}: missing key {key!r}")
    name = entry["name"]
    where = f"{where} ({name})"
    if not NAME_RE.match(name):
        raise SpecError(
            f"{where}: a test name is one word of letters, digits, _ . -"
        )
    if entry.get("boot", "kernel") not in ("kernel", "iso"):
        raise SpecError(f'{where}: boot must be "kernel" or "iso"')
    if entry.get("verdict", "pass") not in VERDICTS:
        raise SpecError(
            f'{where}: verdict must be "pass", "panic" or "timeout"'
        )
    defaults = defaults or {}
    wall = entry.get("wall")
    return Test(
        lab=lab.number,
        name=name,
        points=entry["points"],
        boot=entry.get("boot", "kernel"),
        seeds=parse_seeds(entry.get("seeds", [1]), where),
        mem=positive(entry.get("mem", 64), "mem", where),
        limit=positive(entry.get("limit", 3000), "limit", where, zero_ok=True),
        wall_given=None if wall is None else positive(wall, "wall", where),
        expect=compile_all(entry.get("expect", []), "expect", where),
        unordered=compile_all(entry.get("unordered", []), "unordered", where),
        forbid=compile_all(entry.get("forbid", []), "forbid", where),
        leak_check=entry.get("leak_check", True),
        oracle=entry.get("oracle"),
        hint=entry.get("hint", ""),
        args=" ".join(entry.get("args", "").split()),
        lab_dir=lab.dir,
        lab_title=lab.title,
        verdict=entry.get("verdict", "pass"),
        hints=tuple(
            parse_hint(h, f"{where}: hint #{i + 1}")
            for i, h in enumerate(entry.get("hints", []))
        ),
        extra_seeds=entry.get("extra_seeds"),
        hidden=lab.hidden,
        visibility=entry.get(
            "visibility", defaults.get("visibility", "visible")
        ),
        show_output=entry.get(
            "show_output", defaults.get("show_output", SHOW_OUTPUT)
        ),
    )


def parse_hint(entry: object, where: str) -> Hint:
    """One [[test.hints]] table: exactly one key of HINT_KINDS, and text."""
    if not isinstance(entry, dict):
        raise SpecError(f"{where}: must be a table")
    unknown = set(entry) - set(HINT_KEYS)
    if unknown:
        raise SpecError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kinds = [k for k in HINT_KINDS if k in entry]
    if len(kinds) != 1:
        raise SpecError(
            f"{where}: needs exactly one of {', '.join(HINT_KINDS)}"
        )
    kind = kinds[0]
    for key in (*HINT_KEYS,):
        if key in entry and not isinstance(entry[key], str):
            raise SpecError(f"{where}: {key} must be a string")
    if not entry.get("text"):
        raise SpecError(f"{where}: needs text, the hint itself")
    if kind == "errno" and not ERRNO_RE.match(entry["errno"]):
        raise SpecError(f"{where}: errno must be a name such as ENOTCONN")
    if "line" in entry and kind != "errno":
        raise SpecError(f"{where}: line goes with errno only")
    if entry.get("verdict", "fail") not in RUN_VERDICTS:
        raise SpecError(
            f"{where}: verdict must be one of {', '.join(RUN_VERDICTS)}"
        )
    pattern = rf"\b{entry['errno']}\b" if kind == "errno" else entry[kind]
    [compiled] = compile_all([pattern], kind, where)
    line = None
    if "line" in entry:
        [line] = compile_all([entry["line"]], "line", where)
    return Hint(kind, compiled, entry["text"], line, entry.get("verdict"))


def parse_seeds(seeds: list, where: str) -> tuple[int, ...]:
    if not seeds or not all(is_seed(s) for s in seeds):
        raise SpecError(
            f"{where}: seeds must be a non-empty list of integers "
            f"in 0..{SEED_MAX}"
        )
    return tuple(dict.fromkeys(seeds))  # drop repeats, keep the order


def is_seed(value: object) -> bool:
    return type(value) is int and 0 <= value <= SEED_MAX


def positive(
    value: int | float, key: str, where: str, zero_ok: bool = False
) -> int | float:
    if value < 0 or (value == 0 and not zero_ok):
        raise SpecError(
            f"{where}: {key} must be {'>= 0' if zero_ok else '> 0'}"
        )
    return value


def compile_all(
    patterns: list, key: str, where: str
) -> tuple[re.Pattern, ...]:
    compiled = []
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise SpecError(f"{where}: {key} must be a list of strings")
        try:
            compiled.append(re.compile(pattern))
        except re.error as e:
            raise SpecError(
                f"{where}: bad regex in {key}: {pattern!r}: {e}"
            ) from None
    return tuple(compiled)
