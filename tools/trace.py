#!/usr/bin/env python3
"""trace.py: draw the messages of one test run as a sequence chart.

With trace=1 on its command line (stage 2 and later) the kernel prints one
line per IPC event (docs/protocol.md):

    trace| t=TICK ev=EVENT a=PID b=PID code=N res=R [w0=W] [port=P|mbox=M]
        [big=B mode=M]
    (EVENT: send request recv wait-send wait-recv wait-reply deliver
     error; from stage 3 also post datagram notify wait-room, and what
     the best-effort channel did: drop dup reorder corrupt; w0 is the
     message's first word, given from stage 3 on for messages in a box
     or on the channel; from stage 4 port= names the port or port set of
     an event at one, mbox= the mailbox, with the events port-new
     port-gone grant revoke join mbox-new mbox-open mbox-close mbox-gone
     mbox-send mbox-recv lost lost-report; from stage 5 a big message's
     post and delivery also give its region's size in bytes and its
     mode: copy, share-ro, share-rw, move, cow)
    trace| t=TICK ev=spawn a=PID name=NAME
    trace| t=TICK ev=exit a=PID status=S

This tool boots one test with tracing on, exactly as the grader does (it
uses the grader's own code for the build and the QEMU command line), or
reads a saved serial log, and turns those lines into an mscgen chart: one
lifeline per process, an arrow per delivered message (-> send, => request,
dashed >> reply, double :> a posted message or notification, taken from
the box when it is received), a note where a process posts or the channel
mangles a datagram, a crossed arrow for a datagram lost, a box where a
process blocks, red text where a call fails, and the clock tick as a
separator whenever it moves. From stage 4 an arrow through a port says
which ("via port 1025"), notes show ports made, granted, joined to a set
and destroyed, and each mailbox has a lifeline of its own: an arrow into
it at each send, an arrow out of it to whoever took the message. The
modules of tools/tracechart/ do the work, one step each. mscgen then
renders the chart as SVG and PNG.

    tools/trace.py --test NAME [--stage N] [--seed S]     (make trace TEST=NAME)
    tools/trace.py --log serial.log [--test NAME]
    tools/trace.py --figure NAME|all      (the handout's figures: FIGURES)

Other options: --out DIR (default build/trace), --max-events N (default
60), --all (keep processes that never take part in IPC), --title TEXT,
--msc-only (write the .msc, do not render), --kernel ELF (boot this image,
do not build). --figure regenerates the handout's committed figure sources
in labs/*/figures/ from traced runs of the lab's demo programs.

The reference kernel traces a call that fails before it blocks (EDEADLK,
EAGAIN) as an error event. A kernel that does not (a student's, say)
leaves the call's event followed by nothing of that process: the tool
notices that, and when the processes it already knew to be blocked form a
chain from the partner back to the caller, it reports the refusal as
EDEADLK, as the kernel's own check would have.

Python 3 standard library only. Exit status: 0 when the chart was drawn,
1 when no chart could be made (no trace lines, mscgen failed), 2 for a
usage error.
"""

import argparse
import re
import sys
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT_ROOT / "tools"))

# The parts, re-exported: the kit's tests use them through this module.
from tracechart.boot import boot_traced  # noqa: E402
from tracechart.errors import RenderError, UsageError  # noqa: E402
from tracechart.events import (  # noqa: E402,F401
    IPC_EVENTS,
    MBOX_EVENTS,
    PORT_EVENTS,
    Event,
    Trace,
    parse_line,
    parse_trace,
)
from tracechart.figures import FIGURES, Figure  # noqa: E402,F401
from tracechart.model import (
    Analysis,
    Step,
    analyse,
    msg_text,
    size_text,
)  # noqa: E402,F401
from tracechart.msc import MAX_CHART_PX, make_msc, quote  # noqa: E402,F401
from tracechart.render import render, shown_path  # noqa: E402


def parser():
    p = argparse.ArgumentParser(
        prog="tools/trace.py",
        description="Boot one test with trace=1 (or read a saved serial log) "
        "and draw its messages as a sequence chart (mscgen: .msc, .svg, "
        ".png).",
        epilog="Figures of the handout: tools/trace.py --figure NAME|all, "
        "with NAME one of " + ", ".join(FIGURES) + ".",
    )
    p.add_argument("--test", metavar="NAME", help="the test (program) to boot")
    p.add_argument(
        "--stage",
        type=int,
        metavar="N",
        help="the stage to build and boot (default: the highest present)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="S",
        help="the seed (default 1)",
    )
    p.add_argument(
        "--log", metavar="FILE", help="read this serial log instead of booting"
    )
    p.add_argument(
        "--kernel", metavar="ELF", help="boot this kernel, do not build one"
    )
    p.add_argument(
        "--out", metavar="DIR", help="where to write (default build/trace)"
    )
    p.add_argument(
        "--max-events",
        type=int,
        default=60,
        metavar="N",
        help="chart at most the first N events (default 60)",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="keep processes that never take part in IPC",
    )
    p.add_argument(
        "--title", metavar="TEXT", help="a title across the top of the chart"
    )
    p.add_argument(
        "--msc-only", action="store_true", help="write the .msc, do not render"
    )
    p.add_argument(
        "--figure",
        metavar="NAME",
        help="regenerate a handout figure (or 'all') from its demo program",
    )
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        if args.max_events < 1:
            raise UsageError("--max-events must be at least 1")
        if args.seed is not None and not 0 <= args.seed < 2**32:
            raise UsageError("a seed is in 0..4294967295")
        if args.figure and (args.test or args.stage or args.seed is not None):
            raise UsageError(
                "--figure fixes the test, stage and seed: "
                "do not give them too"
            )
        if args.figure:
            return figure_main(args)
        return chart_main(args)
    except UsageError as e:
        print(f"trace: {e}", file=sys.stderr)
        return 2
    except RenderError as e:
        print(f"trace: {e}", file=sys.stderr)
        return 1


def read_serial(args, test, stage, seed, extra=""):
    """The serial output: from --log, or from a traced boot (with extra
    kernel command-line words)."""
    if args.log:
        try:
            return Path(args.log).read_text(encoding="utf-8", errors="replace")
        except OSError as e:
            raise UsageError(f"cannot read {args.log}: {e.strerror}") from None
    return boot_traced(KIT_ROOT, stage, test, seed, args.kernel, extra)


def default_stage():
    stages = [
        int(m.group(1))
        for d in (KIT_ROOT / "labs").glob("lab*-*")
        if (m := re.match(r"lab(\d+)-", d.name))
    ]
    return max(stages, default=2)


def chart_main(args):
    if not args.test and not args.log:
        raise UsageError("give --test NAME (boot it) or --log FILE (read it)")
    stage = args.stage or default_stage()
    seed = 1 if args.seed is None else args.seed
    if not args.log and stage < 2:
        raise UsageError(
            "IPC tracing begins with stage 2 (--stage 2 or later)"
        )
    text = read_serial(args, args.test, stage, seed)
    trace = parse_trace(text)
    test = args.test or trace.test or Path(args.log).stem
    seed_text = (
        str(args.seed) if args.seed is not None else (trace.seed or str(seed))
    )
    out = Path(args.out) if args.out else KIT_ROOT / "build" / "trace"
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{safe_name(test)}-seed{safe_name(seed_text)}"
    log_path = None
    if not args.log:
        log_path = out / f"{stem}.log"
        log_path.write_text(text, encoding="utf-8")
    how = (
        f"tools/trace.py --log {args.log}"
        if args.log
        else f"tools/trace.py --stage {stage} --test {test} --seed {seed}"
    )
    header = [
        f"{stem}.msc: the messages of test {test}, seed {seed_text}, "
        "drawn from the kernel's trace=1 lines.",
        f"Made by: {how}",
    ]
    return write_chart(
        trace, out, stem, args, args.title or "", header, log_path=log_path
    )


def safe_name(text):
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text) or "trace"


def write_chart(
    trace,
    out,
    stem,
    args,
    title,
    header,
    msc_path=None,
    log_path=None,
    compact=False,
    max_width=None,
):
    """Report the trace's problems, write the .msc, render it; the status."""
    for bad in trace.malformed:
        print(
            f"trace: line {bad.line}: ignored a malformed trace line "
            f"({bad.why}): {bad.text[:100]}",
            file=sys.stderr,
        )
    if not trace.events:
        print(
            "trace: the output holds no trace lines: does this stage trace IPC "
            "(stage 2 or later), and did the test start?",
            file=sys.stderr,
        )
        return 1
    if trace.malformed:
        header = [
            *header,
            f"{len(trace.malformed)} malformed trace lines were ignored.",
        ]
    names, steps = analyse(trace.events)
    msc = make_msc(
        trace,
        names,
        steps,
        title=title,
        keep_all=args.all,
        max_events=args.max_events,
        header=header,
        compact=compact,
        max_width=max_width,
    )
    msc_path = msc_path or out / f"{stem}.msc"
    msc_path.parent.mkdir(parents=True, exist_ok=True)
    msc_path.write_text(msc, encoding="utf-8")
    print(
        f"trace: {len(trace.events)} events"
        + (
            f" (charted the first {args.max_events})"
            if len(trace.events) > args.max_events
            else ""
        )
        + (
            f", {len(trace.malformed)} malformed lines ignored"
            if trace.malformed
            else ""
        )
    )
    if log_path:
        print(f"  serial log:   {shown_path(log_path)}")
    print(f"  chart source: {shown_path(msc_path)}")
    if args.msc_only:
        return 0
    for path in render(msc_path, out, stem):
        print(f"  rendered:     {shown_path(path)}")
    return 0


def figure_main(args):
    names = list(FIGURES) if args.figure == "all" else [args.figure]
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise UsageError(
            f"no figure {unknown[0]!r}; the figures are: "
            + ", ".join(FIGURES)
            + " (or all)"
        )
    if args.log and len(names) > 1:
        raise UsageError("--log holds one run: give one --figure with it")
    status = 0
    for name in names:
        fig = FIGURES[name]
        text = read_serial(args, fig.test, fig.stage, fig.seed, fig.args)
        trace = parse_trace(text)
        out = Path(args.out) if args.out else KIT_ROOT / "build" / "trace"
        out.mkdir(parents=True, exist_ok=True)
        header = [
            f"{name}.msc: {fig.title}.",
            "Drawn by tools/trace.py from the kernel's IPC trace (trace=1) of",
            f"the demo program {fig.test}, stage {fig.stage}, seed {fig.seed}"
            + (f", with {fig.args}" if fig.args else "")
            + ". "
            "Do not edit; regenerate with:",
            f"    python3 tools/trace.py --figure {name}",
        ]
        # With --out, everything goes there (tests compare it with the
        # committed source); else the .msc replaces the committed one.
        msc_path = (
            out / f"{name}.msc"
            if args.out
            else KIT_ROOT / fig.dir / f"{name}.msc"
        )
        print(f"figure {name}:")
        status = max(
            status,
            write_chart(
                trace,
                out,
                name,
                args,
                args.title or "",
                header,
                msc_path,
                compact=fig.compact,
                max_width=MAX_CHART_PX,
            ),
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
