"""msc.py: the steps of a run (model.py) drawn as an mscgen chart: one
lifeline per process, an arrow per message, boxes where processes block,
red where a call fails, the clock tick as a separator."""

import math
import re

from .events import MSG_NOTIFY
from .model import label_of

ERROR_COLOUR = "#c00000"
BLOCKED_FILL = "#eeeeee"


def quote(text):
    """A label as an mscgen string: a line break becomes \\n; a backslash,
    which mscgen would take for an escape, becomes a slash."""
    text = str(text).replace("\\", "/").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def chart_processes(names, steps, keep_all):
    """The lifelines: every spawned process with --all, else those that
    send, receive or wait; in spawn order."""
    if keep_all:
        return list(names)
    used = set()
    for s in steps:
        if s.kind in ("message", "blocked", "take", "error", "note", "lost"):
            used.add(s.a)
            if s.b:
                used.add(s.b)
    return [pid for pid in names if pid in used]


def receive_text(step, partner):
    """What a receive waits on: 'receive from B.2', 'receive on port
    1025', 'receive from mailbox 1536'."""
    if step.mbox:
        return f"receive, mbox {step.mbox}"
    if step.port:
        return f"receive, {'set' if step.is_set else 'port'} {step.port}"
    return f"receive from {partner}"


def step_text(step, names):
    """The label of one step that is drawn as a box."""
    partner = "ANY" if step.b == 0 else label_of(names, step.b)
    if step.kind == "blocked":
        if step.why == "send" and step.port:
            return f"blocked at port {step.port}"
        if step.why == "send":
            return f"blocked: send to {partner}"
        if step.why == "recv" and step.mbox:
            return f"waits on mbox {step.mbox}"
        if step.why == "recv" and step.port:
            return f"waits on {'set' if step.is_set else 'port'} {step.port}"
        if step.why == "recv":
            return f"blocked: {receive_text(step, partner)}"
        if step.why == "room" and step.mbox:
            return f"no room in mbox {step.mbox}"
        if step.why == "room" and step.port:
            return f"no room at port {step.port}"
        if step.why == "room":
            return f"blocked: no room in {partner}'s box"
        return f"waits for the reply from {partner}"
    if step.kind == "take" and step.port:
        what = "post" if step.why == "box" else "sender"
        return f"{step.port}: queued {what}"
    if step.kind == "take":
        if step.why == "box":
            return f"{receive_text(step, partner)}: taken from the box"
        return f"{receive_text(step, partner)}: sender queued"
    if step.kind == "note":
        return step.why
    if step.kind == "exit":
        return f"exit {step.status}"
    raise ValueError(step.kind)


def error_label(step, names):
    """'send to B: EDEADLK', 'receive from ANY: ETIMEDOUT', ..."""
    result = "failed at once" if step.res == "?" else step.res
    partner = "ANY" if step.b == 0 else label_of(names, step.b)
    if step.mbox and step.call == "mbox-recv":
        return f"mbox {step.mbox}: {result}"
    if step.mbox:
        return f"send to mbox {step.mbox}: {result}"
    if step.port and step.call == "recv":
        return f"{'set' if step.is_set else 'port'} {step.port}: {result}"
    if step.port:
        partner = f"port {step.port}"
    call = {
        "recv": "receive from",
        "send": "send to",
        "request": "request to",
        "post": "post to",
        "datagram": "datagram to",
        "notify": "notify",
    }.get(step.call, "call on")
    return f"{call} {partner}: {result}"


def cycle_text(step, names):
    """'B waits for C, C waits for A' for a refused call's chain."""
    chain = step.cycle[1:]
    return "refused: " + ", ".join(
        f"{label_of(names, x)} waits for {label_of(names, y)}"
        for x, y in zip(chain, chain[1:])
    )


def render_rows(steps, names, ids):
    """The mscgen rows, each with a comment naming the trace lines behind
    it, and the longest label of a box on one lifeline (in characters).
    Boxes on different lifelines at the same tick share a row."""
    rows, tick, widest = [], None, 0
    order = list(ids.values())
    boxes, box_comments = [], []

    def flush():
        if boxes:
            rows.extend(box_comments)
            rows.append("  " + ",\n  ".join(boxes) + ";")
            boxes.clear()
            box_comments.clear()

    for s in steps:
        if s.a not in ids or (s.kind == "message" and s.b not in ids):
            continue
        if s.tick != tick:
            flush()
            tick = s.tick
            rows.append(f'  --- [label="t={tick}"];')
        comment = (
            f"  # {s.source[len('trace| '):] if s.source else ''}".rstrip()
        )
        if s.inferred:
            comment += "  (no event followed: refused before blocking)"
        me = ids[s.a]
        if s.kind in ("blocked", "take", "exit", "note"):
            shape, fill = {
                "blocked": ("rbox", BLOCKED_FILL),
                "take": ("box", ""),
                "exit": ("abox", ""),
                "note": ("note", ""),
            }[s.kind]
            if any(b.startswith(me + " ") for b in boxes):
                flush()  # one box per lifeline in a row
            text = step_text(s, names)
            widest = max(widest, len(text))
            attrs = f"label={quote(text)}"
            if fill:
                attrs += f', textbgcolour="{fill}"'
            boxes.append(f"{me} {shape} {me} [{attrs}]")
            box_comments.append(comment)
            continue
        flush()
        rows.append(comment)
        if s.kind == "lost":
            if s.b in ids and s.b != s.a:
                why = "no room" if s.res != "ok" else "lost"
                text = f"datagram {why}, {s.what}"
                if s.mbox:  # a slow subscriber's copy pushed out
                    text = f"copy lost, {s.what} from {s.why}"
                elif s.port:  # a revoked sender's message thrown away
                    text = f"dropped ({s.res}), {s.what}{s.via}"
                label = quote(text)
                rows.append(
                    f"  {me} -x {ids[s.b]} [label={label}, "
                    f'textcolour="{ERROR_COLOUR}", '
                    f'linecolour="{ERROR_COLOUR}"];'
                )
            continue
        if s.kind == "message":
            arrow = {
                "send": "->",
                "request": "=>",
                "reply": ">>",
                "post": ":>",
                "to-mbox": ":>",
                "from-mbox": ":>",
            }[s.flavour]
            if s.flavour == "to-mbox":
                text = s.what
            elif s.flavour == "from-mbox":
                text = f"{s.what} from {s.why}"
            elif s.flavour == "post":
                text = (
                    "notification"
                    if s.code == MSG_NOTIFY
                    else f"datagram, {s.what}"
                    if s.why == "datagram"
                    else f"posted, {s.what}"
                ) + s.via
            elif s.flavour == "send":
                text = s.what + s.via
            else:
                text = f"{s.flavour}, {s.what}{s.via}"
            rows.append(f"  {me} {arrow} {ids[s.b]} [label={quote(text)}];")
        elif s.kind == "error":
            red = f'textcolour="{ERROR_COLOUR}"'
            label = quote(error_label(s, names))
            if s.b and s.b in ids and s.b != s.a:
                rows.append(
                    f"  {me} -x {ids[s.b]} [label={label}, "
                    f'{red}, linecolour="{ERROR_COLOUR}"];'
                )
            else:
                widest = max(widest, len(error_label(s, names)))
                rows.append(f"  {me} note {me} [label={label}, {red}];")
            if s.cycle:
                # Under the refused arrow, as wide as it: why it was refused.
                ends = sorted((me, ids.get(s.b, me)), key=order.index)
                rows.append(
                    f"  {ends[0]} note {ends[1]} "
                    f"[label={quote(cycle_text(s, names))}, {red}];"
                )
    flush()
    return rows, widest


# The widest chart, in mscgen's pixels (0.75 pt each): at most the text
# width of the handout's page, so that its 12-pixel text prints at 8 pt
# or more.
MAX_CHART_PX = 680
BOX_ROW = re.compile(
    r'^(\s*(p\d+) (?:box|rbox|abox|note) \2 \[label=")(.*?)(")'
)


def wrap_label(text, chars):
    """Break a label at spaces into lines of at most about chars."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\\n".join(lines)


def compacted(rows):
    """Rows without tick rules, "taken from the box" boxes and the notes
    of first sends (the arrow shows the datagram; a resend keeps its
    note): for a tall chart."""
    out = []
    for r in rows:
        if r.lstrip().startswith("#"):
            out.append(r)
            continue
        if (
            r.lstrip().startswith('--- [label="t=')
            or (" box " in r and "taken from the box" in r)
            or (
                " note " in r
                and '[label="datagram to ' in r
                and " again" not in r
            )
        ):
            continue
        out.append(r)
    return out


def make_msc(
    trace,
    names,
    steps,
    *,
    title="",
    keep_all=False,
    max_events=60,
    header=(),
    compact=False,
    max_width=None,
):
    """The mscgen source of a chart of the first max_events events; a
    handout figure is at most max_width pixels wide (MAX_CHART_PX)."""
    cut = max(0, len(trace.events) - max_events)
    shown = [s for s in steps if s.index < max_events]
    pids = chart_processes(names, shown, keep_all)
    ids = {pid: f"p{pid}" if pid > 0 else f"m{-pid}" for pid in pids}
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append("msc {")
    rows, widest = render_rows(shown, names, ids)
    if compact:
        rows = compacted(rows)
    # mscgen gives every lifeline 600 * hscale / n pixels and wraps a label
    # that does not fit, poorly in SVG: make room, up to max_width for a
    # figure, and break a box's label still too long for its lifeline (170
    # pixels a lifeline at least: four of them still fit MAX_CHART_PX).
    column = max(260, 7 * widest + 40)
    if max_width and len(pids) * column > max_width:
        column = max(170, max_width // max(1, len(pids)))
        fits = (column - 30) // 7
        rows = [
            BOX_ROW.sub(
                lambda m: m.group(1)
                + wrap_label(m.group(3), fits)
                + m.group(4),
                r,
            )
            if not r.lstrip().startswith("#")
            else r
            for r in rows
        ]
    hscale = max(1.0, math.ceil(len(pids) * column / 600 * 20) / 20)
    lines.append(f'  hscale = "{hscale:g}", arcgradient = "0";')
    lines.append("")
    if not pids:
        lines.append('  a [label="(no IPC)"];')
        ids_row = "a"
    else:
        lines.append(
            "  "
            + ", ".join(
                f"{ids[p]} [label={quote(label_of(names, p))}]" for p in pids
            )
            + ";"
        )
        ids_row = f"{ids[pids[0]]} note {ids[pids[-1]]}"
    if title:
        lines.append(
            f'  {ids_row} [label={quote(title)}, textbgcolour="#f4f4f4"];'
            if pids
            else f"  --- [label={quote(title)}];"
        )
    lines.extend(rows)
    if cut:
        lines.append(
            f'  --- [label="cut here: {cut} more events not shown '
            f'(--max-events {max_events})", textcolour="{ERROR_COLOUR}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
