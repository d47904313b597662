"""tracechart: the IPC sequence charts of tools/trace.py, one module an idea.

  events.py   reading the kernel's trace| lines (docs/protocol.md) into events
  model.py    what happened: the events replayed into the steps of a chart
  msc.py      the steps drawn as mscgen source
  render.py   mscgen run on it: SVG and PNG
  boot.py     one test booted with tracing on, as the grader boots it
  figures.py  the handout's figures: which demo program draws each one

Python 3 standard library only.
"""
