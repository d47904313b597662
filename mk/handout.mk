# mk/handout.mk -- build handout.pdf from the kit's Markdown sources.
#
# The top Makefile includes this fragment; it also works on its own:
#     make -f mk/handout.mk handout.pdf
# Run it from the repository root: every path below is relative to it.
#
# Pipeline:  docs/handout.list  -> the chapters, in order (one path a line)
#            docs/figures/*.{msc,dot,svg}, labs/*/figures/*.{msc,dot,svg}
#                               -> $(HANDOUT_BUILD)/fig/NAME.svg (mscgen, dot;
#                                  an .svg, drawn by a tool such as make
#                                  bench, is copied as it is)
#            chapters + template + Lua filter  --pandoc-->  handout.html
#            handout.html + handout.css        --weasyprint-->  handout.pdf
#
# Variables a caller may set:
#   HANDOUT_OUT    the PDF to write (default handout.pdf, the committed one)
#   HANDOUT_BUILD  where intermediate files go (default build/handout)
#   HANDOUT_LIST   the chapter list (default docs/handout.list)
# tests/test_handout.py sets the first two to a temporary directory, so a
# staleness check never touches the tree.
#
# Targets: $(HANDOUT_OUT) (handout.pdf unless set), handout-check, handout-clean.

# Keep whatever default goal the including Makefile has (restored at the end).
handout_saved_goal := $(.DEFAULT_GOAL)

# Debian packages this fragment needs (the top Makefile checks/installs them).
HANDOUT_DEPS := pandoc weasyprint mscgen graphviz poppler-utils \
                fonts-dejavu-core fonts-dejavu-extra

HANDOUT_OUT   ?= handout.pdf
HANDOUT_BUILD ?= build/handout
HANDOUT_LIST  ?= docs/handout.list
HANDOUT_TOOLS := tools/handout

handout_hash := \#
# The chapters, in list order: comments (#...) and blank lines are ignored.
HANDOUT_CHAPTERS := $(shell sed -e 's/$(handout_hash).*//' \
    -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$$//' -e '/^$$/d' \
    $(HANDOUT_LIST) 2>/dev/null)
handout_missing := $(filter-out $(wildcard $(HANDOUT_CHAPTERS)),$(HANDOUT_CHAPTERS))

# Figure sources: the kit's own, then each lab's.  One flat name space.
HANDOUT_FIG_SRCS := $(sort $(wildcard docs/figures/*.msc docs/figures/*.dot \
                                      docs/figures/*.svg)) \
                    $(sort $(wildcard labs/*/figures/*.msc labs/*/figures/*.dot \
                                      labs/*/figures/*.svg))
handout_fig_names := $(basename $(notdir $(HANDOUT_FIG_SRCS)))
handout_fig_dups  := $(shell printf '%s\n' $(handout_fig_names) | sort | uniq -d)
HANDOUT_FIGS := $(addprefix $(HANDOUT_BUILD)/fig/,$(addsuffix .svg,$(sort $(handout_fig_names))))

HANDOUT_CSS      := $(HANDOUT_TOOLS)/handout.css
HANDOUT_TEMPLATE := $(HANDOUT_TOOLS)/template.html
HANDOUT_FILTER   := $(HANDOUT_TOOLS)/handout.lua
HANDOUT_META     := $(HANDOUT_TOOLS)/metadata.yaml
# The generated reference parts (tools/handout/reference.lua): every system
# call from the one list, the error codes from lib/errno.h, shown up to the
# highest lab the tree holds.
HANDOUT_REF      := $(HANDOUT_TOOLS)/reference.lua
HANDOUT_LAB_HEADERS := $(sort $(wildcard labs/lab[1-9]-*/lib/*.h))
HANDOUT_REF_SRCS := kernel/syscalls.list lib/errno.h user/include/kit.h \
                    lib/fmt.h lib/string.h lib/rng.h lib/msg.h lib/kinfo.h \
                    $(HANDOUT_LAB_HEADERS)
handout_stage    := $(lastword $(sort $(foreach d,$(wildcard labs/lab[1-9]-*),\
                      $(patsubst labs/lab%,%,$(firstword $(subst -, ,$(d)))))))

# Everything whose content shows in the PDF, in a fixed order.  Their digest is
# printed on the title page, so even an edit that changes no visible text
# makes the committed PDF stale.
HANDOUT_SOURCES := $(HANDOUT_LIST) $(HANDOUT_CHAPTERS) $(HANDOUT_FIG_SRCS) \
                   $(HANDOUT_CSS) $(HANDOUT_TEMPLATE) $(HANDOUT_FILTER) $(HANDOUT_META) \
                   $(HANDOUT_TOOLS)/msc_svg.py $(HANDOUT_REF) $(HANDOUT_REF_SRCS)

HANDOUT_HTML := $(HANDOUT_BUILD)/handout.html

HANDOUT_PANDOC_FLAGS := --from=markdown --to=html5 --standalone \
    --template=$(HANDOUT_TEMPLATE) --metadata-file=$(HANDOUT_META) \
    --lua-filter=$(HANDOUT_REF) --lua-filter=$(HANDOUT_FILTER) \
    --toc --toc-depth=2 --number-sections \
    --highlight-style=tango --wrap=none

# SOURCE_DATE_EPOCH pins the time stamps that font subsetting writes into the
# PDF, so the same sources give the same bytes, not only the same text.

# Quiet by default, like the rest of the kit: V=1 shows every command.
handout_say  = $(if $(V),,@printf '  %-8s %s\n' $(1) $(2);)

# Print the install command when a tool is missing; fail.
define handout_need
command -v $(1) >/dev/null 2>&1 || { \
  echo "handout: '$(1)' not found; install the handout tools with:" >&2; \
  echo "    sudo apt-get install $(HANDOUT_DEPS)" >&2; exit 1; }
endef

.PHONY: handout-check handout-clean

$(HANDOUT_OUT): $(HANDOUT_HTML) $(HANDOUT_CSS) $(HANDOUT_FIGS)
	@$(call handout_need,weasyprint)
	@mkdir -p $(dir $@)
	$(call handout_say,PDF,$@)SOURCE_DATE_EPOCH=0 PYTHONHASHSEED=0 \
	  weasyprint --presentational-hints --stylesheet $(HANDOUT_CSS) $< $@.tmp
	@mv -f $@.tmp $@

$(HANDOUT_HTML): $(filter-out $(handout_missing),$(HANDOUT_SOURCES)) $(HANDOUT_FIGS) mk/handout.mk
	@$(call handout_need,pandoc)
	@if [ ! -f $(HANDOUT_LIST) ]; then \
	  echo "handout: $(HANDOUT_LIST) is missing" >&2; exit 1; fi
	@if [ -n "$(strip $(handout_missing))" ]; then \
	  echo "handout: $(HANDOUT_LIST) names files that do not exist:" >&2; \
	  for f in $(handout_missing); do echo "    $$f" >&2; done; exit 1; fi
	@if [ -n "$(strip $(handout_fig_dups))" ]; then \
	  echo "handout: two figure sources share a name: $(handout_fig_dups)" >&2; \
	  exit 1; fi
	@mkdir -p $(dir $@)
	$(call handout_say,PANDOC,$@)pandoc $(HANDOUT_PANDOC_FLAGS) \
	  --metadata=figdir:$(HANDOUT_BUILD)/fig --metadata=stage:$(handout_stage) \
	  --metadata=lab-headers:"$(HANDOUT_LAB_HEADERS)" \
	  --metadata=digest:$$(sha256sum $(HANDOUT_SOURCES) | sha256sum | cut -c1-16) \
	  -o $@.tmp $(HANDOUT_CHAPTERS)
	@mv -f $@.tmp $@

# One rule per figure source; the output name is the source's base name.
define handout_fig_rule
$(HANDOUT_BUILD)/fig/$(basename $(notdir $(1))).svg: $(1) $(if $(filter .msc,$(suffix $(1))),$(HANDOUT_TOOLS)/msc_svg.py)
	@mkdir -p $$(dir $$@)
	$$(call handout_say,FIG,$$@)$(if $(filter .msc,$(suffix $(1))),mscgen -T svg -o $$@.raw $$< && \
	  python3 $(HANDOUT_TOOLS)/msc_svg.py $$@.raw $$@.tmp && rm -f $$@.raw,$(if $(filter .svg,$(suffix $(1))),cp $$< $$@.tmp,dot -Tsvg -o $$@.tmp $$<))
	@mv -f $$@.tmp $$@
endef
$(foreach f,$(HANDOUT_FIG_SRCS),$(eval $(call handout_fig_rule,$(f))))

# `make handout.pdf HANDOUT_OUT=/tmp/h.pdf` builds that file and leaves the
# committed handout.pdf alone.
ifneq ($(HANDOUT_OUT),handout.pdf)
.PHONY: handout.pdf
handout.pdf: $(HANDOUT_OUT)
endif

# Rebuild into a scratch directory and compare with the committed PDF.
handout-check:
	python3 -m unittest -v tests.test_handout

handout-clean:
	rm -rf $(HANDOUT_BUILD)

ifeq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := handout.pdf
else
.DEFAULT_GOAL := $(handout_saved_goal)
# Included by the top Makefile: let its tools/deps.sh check (or install) the
# handout's packages first, as it does for every other group of tools.
ifneq ($(wildcard tools/deps.sh),)
$(HANDOUT_HTML) $(HANDOUT_FIGS): | build/.deps-handout
endif
endif
