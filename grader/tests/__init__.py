# The grader's own tests (stdlib unittest).  From the top of the kit:
#
#     python3 -m unittest discover -s grader/tests -t .
#
# They boot tiny NASM kernels (kernels/*.asm) that each break the protocol
# in one way, and check that the grader gives each the exact verdict and score.
