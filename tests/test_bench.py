"""Tests of tools/bench.py's parsing and tools/plot.py's goodput figure.

    python3 -m unittest -v tests.test_bench
"""

import sys
import unittest
import xml.dom.minidom
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import bench  # noqa: E402
from tools import plot  # noqa: E402


class ResultLineTest(unittest.TestCase):
    def test_whole_and_decimal_values(self):
        m = bench.RESULT.match(
            "bench_async.1| figure goodput_loss10 6.83 bytes per 1000"
        )
        self.assertEqual(
            m.groups(), ("figure", "goodput_loss10", "6.83", "bytes per 1000")
        )
        m = bench.RESULT.match(
            "bench_sync.1| result null_syscall 102 the floor"
        )
        self.assertEqual(m.group(1, 3), ("result", "102"))
        self.assertIsNone(bench.RESULT.match("x| result name 1.2.3 what"))

    def test_only_instruction_counts_get_a_ratio(self):
        rows = [
            ("null_syscall", 100, "floor", True),
            ("rt", 550, "rt", True),
            ("retransmits", 575, "a count", False),
        ]
        self.assertEqual([bench.ratio(r, 100) for r in rows], [1.0, 5.5, None])
        lines = bench.table(rows).splitlines()
        self.assertRegex(lines[3], r"^rt\s+550\s+5\.50  rt$")
        self.assertRegex(lines[4], r"^retransmits\s+575\s+-  a count$")

    def test_boots_per_bench_boot_line(self):
        boots = [(name, words) for name, words, _ in bench.bench_programs(99)]
        self.assertIn(("bench_sync", ""), boots)
        self.assertIn(("bench_ports", ""), boots)
        stage3 = [name for name, _, _ in bench.bench_programs(3)]
        self.assertNotIn("bench_ports", stage3)
        lossy = [w for n, w in boots if n == "bench_async"]
        self.assertEqual(len(lossy), 3)
        self.assertIn("drop=30", lossy[2])


class GoodputFigureTest(unittest.TestCase):
    RESULTS = {
        "goodput_loss30": {"value": 4.16},
        "goodput_loss0": {"value": 9.17},
        "retransmits_loss30": {"value": 2284},
        "goodput_loss10": {"value": 6.83},
        "post_receive": {"value": 851},
    }

    def test_points_in_order_with_retransmissions(self):
        self.assertEqual(
            plot.goodput_points(self.RESULTS),
            [(0, 9.17, None), (10, 6.83, None), (30, 4.16, 2284)],
        )

    def test_svg_is_well_formed(self):
        svg = plot.goodput_svg(plot.goodput_points(self.RESULTS))
        doc = xml.dom.minidom.parseString(svg)
        self.assertEqual(doc.documentElement.tagName, "svg")
        self.assertEqual(len(doc.getElementsByTagName("circle")), 3)
        self.assertIn("4.16 (2284 resent)", svg)

    def test_no_points_still_draws_axes(self):
        xml.dom.minidom.parseString(plot.goodput_svg([]))


class CostFigureTest(unittest.TestCase):
    RESULTS = {
        "copy_pages_1": {"value": 2900},
        "copy_pages_256": {"value": 299000},
        "map_pages_256": {"value": 13000},
        "map_pages_1": {"value": 1800},
        "cow_pages_1": {"value": 1850},
        "move_pages_16": {"value": 5000},
        "crossover_pages": {"value": 1},
        "map_pages_x": {"value": 1},
    }

    def test_points_by_mode_in_size_order(self):
        points = plot.cost_points(self.RESULTS)
        self.assertEqual(points["copy"], [(1, 2900.0), (256, 299000.0)])
        self.assertEqual(points["map"], [(1, 1800.0), (256, 13000.0)])
        self.assertEqual(sorted(points), ["copy", "cow", "map", "move"])

    def test_svg_is_well_formed_with_a_line_a_mode(self):
        svg = plot.cost_svg(plot.cost_points(self.RESULTS))
        doc = xml.dom.minidom.parseString(svg)
        self.assertEqual(len(doc.getElementsByTagName("path")), 4)
        self.assertEqual(len(doc.getElementsByTagName("circle")), 6)
        self.assertIn("copy-on-write", svg)
        self.assertIn("instructions per message", svg)

    def test_no_points_still_draws_axes(self):
        xml.dom.minidom.parseString(plot.cost_svg({}))


if __name__ == "__main__":
    unittest.main()
