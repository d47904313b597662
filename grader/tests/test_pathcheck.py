# test_pathcheck.py: what a student's source may name (grader/pathcheck.py):
# kit and compiler headers by name pass; absolute paths, '..', includes
# through a macro, .incbin/.include (even split over literals), #embed and
# NASM's include/incbin are refused with their line, whatever comments or
# continued lines try to hide.

import unittest

from grader import pathcheck


class PathCheckTest(unittest.TestCase):
    def refused(self, text: str, path: str = "kernel/ipc/x.c"):
        return pathcheck.check(path, text)

    def test_what_a_kit_file_does_passes(self):
        for text in (
            '#include <stdint.h>\n#include "ipc.h"\n#include "arch/x86.h"\n',
            "int include = 1; int y = s.include; /* .incbin */\n",
            '// #include "/etc/passwd"\nint x;\n',
            'const char *s = "#include \\"/etc/passwd\\"";\n',
        ):
            with self.subTest(text=text):
                self.assertIsNone(self.refused(text))

    def test_what_no_lab_needs_is_refused_with_its_line(self):
        for text, line, why in (
            ('int a;\n#include "/dev/zero"\n', 2, "absolute path"),
            ('#include "../../../../kernel/x.c"\n', 1, "climbs out"),
            ("#include <../x.h>\n", 1, "climbs out"),
            ('#define F "x.h"\n#include F\n', 2, "through a macro"),
            ('# /* hidden */ include \\\n  "/etc/passwd"\n', 1, "absolute"),
            ('%:include "/etc/passwd"\n', 1, "absolute path"),
            ("#include_next </x.h>\n", 1, "absolute path"),
            ('#embed "/etc/passwd"\n', 1, "#embed"),
            ('int a;\n__asm__(".incbin \\"/etc/passwd\\"");\n', 2, ".incbin"),
            ('__asm__(".inc" "bin \\"/x\\"");\n', 1, ".incbin"),
            ('__asm__(".include \\"/x\\"");\n', 1, ".include"),
        ):
            with self.subTest(text=text):
                refusal = self.refused(text)
                self.assertIsNotNone(refusal)
                self.assertEqual(refusal.line, line)
                self.assertIn(why, refusal.why)

    def test_dot_dot_to_a_file_of_the_kit(self):
        kit = {"kernel/proc.h", "kernel/ipc/ipc.h"}.__contains__
        self.assertIsNone(
            pathcheck.check("kernel/ipc/x.c", '#include "../proc.h"\n', kit)
        )
        for target, why in (
            ("../nothere.h", "names no file of the kit"),
            ("../../../ref/kernel/proc.h", "climbs out"),
        ):
            refusal = pathcheck.check(
                "kernel/ipc/x.c", f'#include "{target}"\n', kit
            )
            self.assertIn(why, refusal.why)
        self.assertIn(
            "climbs out",
            pathcheck.check("kernel/x.c", "#include <../proc.h>\n", kit).why,
        )

    def test_nasm_and_other_files(self):
        self.assertIsNotNone(self.refused('%include "/x"\n', "k/a.asm"))
        self.assertIsNotNone(self.refused('incbin "/x"\n', "k/a.asm"))
        self.assertIsNone(self.refused("; incbin in a comment\n", "k/a.asm"))
        self.assertIsNone(self.refused('#include "/x"\n', "notes.txt"))


if __name__ == "__main__":
    unittest.main()
