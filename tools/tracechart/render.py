"""render.py: mscgen turns a chart's source into SVG (then the handout's
label fix, tools/handout/msc_svg.py) and PNG."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import RenderError, UsageError

KIT_ROOT = Path(__file__).resolve().parent.parent.parent
MSC_SVG_FIX = KIT_ROOT / "tools" / "handout" / "msc_svg.py"
INSTALL_MSCGEN = "sudo apt-get install mscgen"


def render(msc_path, out_dir, stem):
    """mscgen -T svg (then the handout's label fix) and -T png. The paths
    written."""
    if shutil.which("mscgen") is None:
        raise UsageError(
            f"mscgen is not installed; install it with: {INSTALL_MSCGEN} "
            f"(the chart source is {shown_path(msc_path)})"
        )
    svg, png = out_dir / f"{stem}.svg", out_dir / f"{stem}.png"
    raw = out_dir / f"{stem}.raw.svg"
    for kind, dest in (("svg", raw), ("png", png)):
        done = subprocess.run(
            ["mscgen", "-T", kind, "-o", str(dest), str(msc_path)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not dest.exists():
            raise RenderError(
                f"mscgen -T {kind} failed on {shown_path(msc_path)}:\n"
                f"{done.stderr.strip()}"
            )
    if MSC_SVG_FIX.exists():
        fixed = subprocess.run(
            [sys.executable, str(MSC_SVG_FIX), str(raw), str(svg)],
            capture_output=True,
            text=True,
        )
        if fixed.returncode == 0:
            raw.unlink()
        else:
            raw.replace(svg)
    else:
        raw.replace(svg)
    return [svg, png]


def shown_path(path):
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
