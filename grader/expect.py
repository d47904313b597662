# expect.py: helpers the labs' oracles (labs/labN-*/oracle.py) share.


def lines_in_order(
    lines: list[str], wanted: list[str], first_only: bool = False
) -> list[str]:
    """Problems, one per wanted line that is not there in this order
    (after the one before it); with first_only, stop at the first."""
    problems, at = [], 0
    for want in wanted:
        try:
            at = lines.index(want, at) + 1
        except ValueError:
            problems.append(f"expected the line '{want}'")
            if first_only:
                break
    return problems
