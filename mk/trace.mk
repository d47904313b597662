# mk/trace.mk -- `make trace TEST=name [LAB=N] [SEED=n]`: draw the messages
# of one test run as a sequence chart.
#
# The top Makefile includes this fragment. It builds the stage's kernel,
# boots the test with trace=1 as the grader does, and writes
# build/trace/NAME-seedS.{log,msc,svg,png} (tools/trace.py --help for the
# options; the handout's lab figures: tools/trace.py --figure all).

.PHONY: trace

trace: kernel | build/.deps-boot
	$(PYTHON) tools/trace.py --stage $(LAB) --test $(TEST) --seed $(SEED) \
	  --kernel $(B)/kernel.elf
