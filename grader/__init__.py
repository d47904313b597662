# grader: the course kit's autograder.
#
# It builds a stage of the kit kernel, boots every test of the selected labs
# in QEMU (one test per boot, in parallel), reads the framed serial output
# described in docs/protocol.md, and gives each test a verdict and a score.
# Run it as `python3 -m grader` from the top of the kit; see __main__.py.
