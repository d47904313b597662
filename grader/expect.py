# expect.py: helpers the labs' oracles (labs/labN-*/oracle.py) share.


def lines_in_order(
    lines: list[str],
    wanted: list[str],
    first_only: bool = False,
    rule: str = "",
) -> list[str]:
    """Problems, one per wanted line that is not there in this order
    (after the one before it); with first_only, stop at the first. With
    rule, any problem is followed by it: the chapter's rule the test
    checks, in a sentence."""
    problems, at = [], 0
    for want in wanted:
        try:
            at = lines.index(want, at) + 1
        except ValueError:
            problems.append(f"expected the line '{want}'")
            if first_only:
                break
    if problems and rule:
        problems.append(rule)
    return problems
