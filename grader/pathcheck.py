# pathcheck.py: what a student's source file may name, checked before it is
# built.
#
# A kit file names other files only through #include of a kit header (or a
# compiler header such as <stdint.h>); no lab needs more. So a student's
# file is refused, with the line that breaks the rule, when it:
#
#   - includes an absolute path, or one with `..` that does not name a
#     file of the kit from the including file's folder (the reference
#     tree, another student's tree, /dev/zero, /etc/...: a compiler that
#     does not find a quoted header next to the file goes on to look in
#     other folders, the system's among them);
#   - includes through a macro (`#include NAME`), which hides the path;
#   - pulls a file in some other way: `.incbin`, `.include` (assembler),
#     `#embed`, NASM's `%include` or `incbin`.
#
# The sandbox (sandbox.py) is what makes a build see nothing of the host;
# these checks give a clear line in the report instead of a compiler error,
# and they are what guards the build on a machine without the sandbox.
# Comments are removed and continued lines joined first, so neither hides
# a directive.

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

SOURCE_SUFFIXES = (".c", ".h", ".S", ".s", ".asm", ".inc")

DIRECTIVE_RE = re.compile(
    r"^[ \t]*(?:#|%:)[ \t]*(include_next|include|import|embed)\b[ \t]*(.*)$"
)
NASM_RE = re.compile(r"^[ \t]*%[ \t]*(include|incbin)\b", re.IGNORECASE)
INCBIN_RE = re.compile(r"\.incbin\b", re.IGNORECASE)
GAS_PULL_RE = re.compile(r"\.(incbin|include)\b", re.IGNORECASE)
STRING_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


@dataclass
class Refusal:
    line: int
    why: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.why}"


def check(
    path: str, text: str, exists: Callable[[str], bool] | None = None
) -> Refusal | None:
    """The first rule the source text breaks, or None. `path` is the file's
    path in the tree (its suffix says which rules apply); exists(rel) says
    whether the kit has a file at rel (None: no `..` is accepted)."""
    if not path.endswith(SOURCE_SUFFIXES):
        return None
    if path.endswith((".asm", ".inc")):
        return check_nasm(text)
    code = strip_comments(join_lines(text))
    for number, line in numbered(code):
        found = DIRECTIVE_RE.match(line)
        if found:
            refusal = check_include(
                found.group(1), found.group(2), path, exists
            )
            if refusal:
                return Refusal(number, refusal)
        if INCBIN_RE.search(line):
            return Refusal(number, PULLS.format(".incbin"))
    # An assembler directive hides in asm("...") strings, maybe split
    # over adjacent literals: look at all of them joined.
    joined = "".join(STRING_RE.findall(code))
    pulled = GAS_PULL_RE.search(joined)
    if pulled:
        word = pulled.group(1)
        return Refusal(
            first_line_with(code, word) or first_line_with(code, "asm") or 1,
            PULLS.format("." + word.lower()),
        )
    return None


PULLS = "'{}' pulls a file into the build; no lab needs it"


def first_line_with(code: str, word: str) -> int | None:
    for number, line in numbered(code):
        if word.lower() in line.lower():
            return number
    return None


def check_include(
    kind: str,
    rest: str,
    path: str,
    exists: Callable[[str], bool] | None,
) -> str | None:
    if kind == "embed":
        return "#embed pulls a file into the build; no lab needs it"
    rest = rest.strip()
    quoted = re.match(r'^"([^"]*)"', rest) or re.match(r"^<([^>]*)>", rest)
    if not quoted:
        return (
            f"#{kind} through a macro ({rest[:60]}): name the header " "itself"
        )
    target = quoted.group(1)
    if target.startswith("/") or target.startswith("\\"):
        return f"#{kind} of an absolute path ({target}): only kit headers"
    if ".." not in re.split(r"[/\\]", target):
        return None
    resolved = posixpath.normpath(
        posixpath.join(posixpath.dirname(path), target.replace("\\", "/"))
    )
    if rest.startswith("<") or resolved.startswith("..") or exists is None:
        return (
            f"#{kind} of a path that climbs out with '..' ({target}): "
            "only kit headers"
        )
    if not exists(resolved):
        return (
            f"#{kind} of '{target}', which names no file of the kit from "
            f"{posixpath.dirname(path)}/ (with '..', only a kit file)"
        )
    return None


def check_nasm(text: str) -> Refusal | None:
    for number, line in numbered(text):
        code = line.split(";", 1)[0]
        if NASM_RE.match(code) or re.search(
            r"\bincbin\b", code, re.IGNORECASE
        ):
            return Refusal(
                number, "NASM include/incbin pulls a file into the build"
            )
    return None


def numbered(text: str):
    for i, line in enumerate(text.split("\n"), 1):
        yield i, line


def join_lines(text: str) -> str:
    """Join backslash-continued lines, keeping the line count (the joined
    line takes the first number; blank lines keep the rest in place)."""
    out, pending, carried = [], "", 0
    for line in text.split("\n"):
        if line.endswith("\\"):
            pending += line[:-1]
            carried += 1
            continue
        out.append(pending + line)
        out.extend([""] * carried)
        pending, carried = "", 0
    if pending:
        out.append(pending)
    return "\n".join(out)


def strip_comments(text: str) -> str:
    """C comments become a space (newlines inside them stay); string and
    character literals are kept as they are."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(" " + "\n" * text.count("\n", i, j))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)
