"""lines_in_order, the helper the labs' oracles share (grader/expect.py)."""
import unittest

from grader.expect import lines_in_order


class LinesInOrderTest(unittest.TestCase):
    def test_in_order_is_no_problem_and_says_no_rule(self):
        lines = ["a", "noise", "b", "c"]
        self.assertEqual(lines_in_order(lines, ["a", "b"], rule="r"), [])

    def test_each_missing_line_then_the_rule(self):
        self.assertEqual(
            lines_in_order(["b", "a"], ["a", "b", "c"], rule="a before b"),
            [
                "expected the line 'b'",
                "expected the line 'c'",
                "a before b",
            ],
        )

    def test_first_only_stops_at_the_first(self):
        self.assertEqual(
            lines_in_order([], ["a", "b"], first_only=True),
            ["expected the line 'a'"],
        )


if __name__ == "__main__":
    unittest.main()
