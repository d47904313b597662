# mk/mutants.mk -- `make mutants [LAB=N]`: the mutant check (instructors).
#
# The top Makefile includes this fragment. tools/mutants.py grades each
# known-wrong variant of the reference solution (labs/labN-*/mutants.toml)
# on its lab's tests and fails if any keeps full marks. Without LAB on the
# command line it checks the mutants of every lab; with LAB=N, lab N's
# only. MUTANTS=name[,name] checks only those; JOBS=n runs n at a time.
# A student kit holds neither the tool nor the tables.

.PHONY: mutants

MUTANTS ?=

mutants: | build/.deps-build build/.deps-boot
	@[ -f tools/mutants.py ] || { echo "make mutants checks the reference" \
	  "tree's tests; a student kit has no mutants"; exit 1; }
	$(PYTHON) tools/mutants.py \
	  $(if $(filter command line,$(origin LAB)),--lab $(LAB)) \
	  $(if $(MUTANTS),--only $(MUTANTS)) $(if $(JOBS),-j $(JOBS))
