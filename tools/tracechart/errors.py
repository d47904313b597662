"""errors.py: the two ways tools/trace.py gives up."""


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


class RenderError(Exception):
    """mscgen could not draw the chart."""
