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
#     wall = 60             # wall-clock backstop in seconds
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

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LAB_DIR_RE = re.compile(r"^lab(\d+)-")
NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
SEED_MAX = 2**32 - 1


class SpecError(Exception):
    """A tests.toml (or the labs/ directory) is not what the grader expects."""


@dataclass(frozen=True)
class Test:
    lab: int
    name: str
    points: float
    boot: str = "kernel"
    seeds: tuple[int, ...] = (1,)
    mem: int = 64
    limit: int = 3000
    wall: float = 60
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


@dataclass
class Lab:
    number: int
    title: str
    dir: Path
    tests: list[Test] = field(default_factory=list)


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
}
VERDICTS = ("pass", "panic", "timeout")


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


def load_stage_labs(tree: Path, stage: int) -> list[Lab]:
    """The labs graded at stage N: every lab 1..N present, in order."""
    dirs = lab_dirs(tree)
    labs = []
    for number in sorted(n for n in dirs if n <= stage):
        spec = dirs[number] / "tests.toml"
        if spec.exists():
            labs.append(load_lab(spec, expected_number=number))
        else:
            labs.append(Lab(number, dirs[number].name, dirs[number]))
    return labs


def load_lab(path: Path, expected_number: int | None = None) -> Lab:
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
    lab = Lab(number, str(header.get("title", "")), path.parent.resolve())
    for i, entry in enumerate(data.get("test", [])):
        lab.tests.append(parse_test(entry, lab, f"{path}: test #{i + 1}"))
    names = [t.name for t in lab.tests]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SpecError(
            f"{path}: test names used twice: {', '.join(duplicates)}"
        )
    return lab


def parse_test(entry: dict, lab: Lab, where: str) -> Test:
    """Check one [[test]] table and turn it into a Test."""
    for key, value in entry.items():
        if key not in TEST_KEYS:
            raise SpecError(f"{where}: unknown key {key!r}")
        types, wanted = TEST_KEYS[key]
        if not isinstance(value, types) or (
            isinstance(value, bool) and bool not in types
        ):
            raise SpecError(f"{where}: {key} must be {wanted}")
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
    return Test(
        lab=lab.number,
        name=name,
        points=entry["points"],
        boot=entry.get("boot", "kernel"),
        seeds=parse_seeds(entry.get("seeds", [1]), where),
        mem=positive(entry.get("mem", 64), "mem", where),
        limit=positive(entry.get("limit", 3000), "limit", where, zero_ok=True),
        wall=positive(entry.get("wall", 60), "wall", where),
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
    )


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
