# The course kit's Makefile. `make help` lists the targets.
#
# A stage is the kernel with labs 1..N: `make LAB=N` builds it into
# build/labN/. Without LAB, the highest lab present is built.

LAB_DIRS   := $(sort $(wildcard labs/lab[1-9]-*))
LAB_NUMS   := $(patsubst labs/lab%,%,$(foreach d,$(LAB_DIRS),$(firstword $(subst -, ,$(d)))))
LAB        ?= $(lastword $(sort $(LAB_NUMS)))
# KIT=1 builds what a student's kit would hold: no reference solutions
# (every #ifdef SOL_LABn block left out), into build/labN-kit/.
KIT        ?=
B          := build/lab$(LAB)$(if $(KIT),-kit)
STAGE_DIRS := $(foreach d,$(LAB_DIRS),$(if $(shell [ $(patsubst labs/lab%,%,$(firstword $(subst -, ,$(d)))) -le $(LAB) ] && echo y),$(d)))

# Builds run one job per core unless the command line says (make -j1).
# A make started by a make (a recipe's sh) shares its jobs instead.
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS  += -j$(shell nproc 2>/dev/null || echo 1)
endif

TEST       ?= hello
SEED       ?= 1
# ARGS: more words for the kernel command line of run, qemu-gdb, grade and
# bench (ARGS=fastpath=0: every message through the general path).
ARGS       ?=
KARGS       = $(if $(strip $(ARGS)), --kernel-args '$(strip $(ARGS))')
GDBPORT    := $(shell expr `id -u` % 5000 + 25000)
PYTHON     := python3
# V=1 shows every command.
Q          := $(if $(V),,@)
say         = $(if $(V),,@printf '  %-8s %s\n' $(1) $(2);)
QEMU       ?= qemu-system-i386

# CROSS=i686-linux-gnu- builds with Debian's i686 cross compiler and
# binutils instead of gcc-multilib (arm64 hosts, Apple Silicon VMs); it is
# chosen by itself when gcc cannot build for 32 bits and the cross
# compiler is installed.
CROSS      ?= $(if $(shell gcc -m32 -print-libgcc-file-name 2>/dev/null | grep /32/),,$(if $(shell command -v i686-linux-gnu-gcc),i686-linux-gnu-))
CC         := $(CROSS)gcc
LD         := $(CROSS)ld
OBJCOPY    := $(CROSS)objcopy
SIZE       := $(CROSS)size
NASM       := nasm
# -Og keeps arguments and locals visible in gdb's backtraces; the graded
# run and the debugged run are the same binary. OPT=-O2 on the command line
# measures the optimised kernel (make bench OPT=-O2; objects are rebuilt
# whenever the flags change).
OPT        := -Og
# The reference solutions of labs 1..LAB are compiled in unless KIT=1; the
# grader builds a submission with SOL_DEFS= (none at all).
SOL_DEFS   := $(if $(KIT),,$(foreach n,$(shell seq 1 $(LAB)),-DSOL_LAB$(n)))
CFLAGS     := -m32 -march=i686 -std=gnu11 $(OPT) -g -ffreestanding -fno-pic \
              -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
              -fno-asynchronous-unwind-tables -mgeneral-regs-only \
              -Wall -Wextra -Werror -DLAB=$(LAB) $(SOL_DEFS)
LIBGCC      = $(shell $(CC) -m32 -print-libgcc-file-name)

# ---- the kernel -----------------------------------------------------------
include kernel/labs.mk
LATER_LABS := $(foreach n,2 3 4 5,$(if $(shell [ $(n) -gt $(LAB) ] && echo y),$(KERNEL_LAB$(n))))
KERNEL_C   := $(filter-out $(LATER_LABS),$(wildcard kernel/*.c kernel/arch/*.c kernel/ipc/*.c)) \
              lib/fmt.c lib/string.c lib/rng.c lib/errno.c
KERNEL_ASM := $(wildcard kernel/arch/*.asm)
KERNEL_INC := -Ikernel -Ikernel/arch -Ikernel/ipc -Ilib -I$(B)/gen
KERNEL_OBJ := $(patsubst %.c,$(B)/%.o,$(KERNEL_C)) \
              $(patsubst %.asm,$(B)/%.o,$(KERNEL_ASM)) \
              $(B)/gen/syscall_table.o $(B)/gen/progs.o

# ---- user programs --------------------------------------------------------
# A lab may bring a user-space library of its own (labs/labN-*/lib/*.c,
# with its headers beside it): linked into every program from stage N on.
USER_LIB_C := $(wildcard user/lib/*.c) lib/fmt.c lib/string.c lib/rng.c \
              lib/errno.c $(foreach d,$(STAGE_DIRS),$(wildcard $(d)/lib/*.c))
USER_LIB_O := $(patsubst %.c,$(B)/user/%.o,$(USER_LIB_C)) \
              $(B)/user/rawcall.o $(B)/user/usys.o $(B)/user/fuzz_table.o
USER_INC   := -Iuser/include -Ilib -I$(B)/gen \
              $(foreach d,$(STAGE_DIRS),$(if $(wildcard $(d)/lib),-I$(d)/lib))
# An instructor's hidden tests (hidden/labN-*/tests/*.c, never in a kit)
# are built into the stages they belong to, like the labs' own programs.
HIDDEN_DIRS := $(foreach d,$(sort $(wildcard hidden/lab[1-9]-*)),$(if $(shell [ $(patsubst hidden/lab%,%,$(firstword $(subst -, ,$(d)))) -le $(LAB) ] && echo y),$(d)))
PROG_DIRS  := $(foreach d,$(STAGE_DIRS),$(d)/tests $(d)/bench) \
              $(foreach d,$(HIDDEN_DIRS),$(d)/tests)
PROG_SRCS  := $(wildcard user/bin/*.c) $(foreach d,$(PROG_DIRS),$(wildcard $(d)/*.c))
PROG_ELFS  := $(foreach s,$(PROG_SRCS),$(B)/user/$(basename $(notdir $(s))).elf)
PROG_BINS  := $(PROG_ELFS:.elf=.bin)
vpath %.c user/bin $(PROG_DIRS)

GEN := $(B)/gen/syscall_nums.h

.PHONY: all kernel iso qemu qemu-nox qemu-gdb gdb run grade grade-all bench fuzz test kit \
        gradescope check \
        deps clean help FORCE
.DELETE_ON_ERROR:
.SECONDARY:

all: kernel

kernel: $(B)/kernel.elf

help:
	@echo "make [LAB=N]              build stage N (default: the highest lab)"
	@echo "make qemu / qemu-nox      boot the GRUB ISO (TEST=name SEED=n)"
	@echo "make run TEST=name        boot one test as the grader does"
	@echo "make qemu-gdb / gdb       the same, stopped for gdb; attach with make gdb"
	@echo "make grade [TEST=name]    grade this stage; make grade-all: every stage"
	@echo "make bench                IPC costs in guest instructions"
	@echo "make fuzz CALLS=n         fuzz this stage's system calls n times (instructors)"
	@echo "make trace TEST=name      draw a test's message sequence chart"
	@echo "make check                a quick check of the tools: deps, build, one boot"
	@echo "make test                 the kit's own tests (the full tree only)"
	@echo "make mutants [LAB=N]      every known-wrong solution must lose points (instructors)"
	@echo "make kit LAB=N            cut lab N's student kit into build/kit/labN"
	@echo "make gradescope LAB=N     lab N's Gradescope autograder bundle"
	@echo "make handout.pdf          rebuild the handout"

deps:
	@sh tools/deps.sh all

# One check at a time (a parallel make may want several): each may run
# apt-get, which takes a lock of its own.
build/.deps-%:
	@mkdir -p build
	@CROSS=$(CROSS) flock build/.deps.lock sh tools/deps.sh $* && touch $@

# gensyscalls.py writes every generated file at once, and only those whose
# text changed (so an unchanged header rebuilds nothing); its stamp says
# when it last ran. After the recipe, make looks at each file's time anew;
# the recipe runs the generator again only for a file gone missing.
$(GEN) $(B)/gen/syscall_user.h $(B)/gen/syscall_table.c $(B)/gen/usys.asm \
$(B)/gen/fuzz_table.c: $(B)/gen/syscalls.stamp
	@[ -f $@ ] || $(PYTHON) tools/gensyscalls.py kernel/syscalls.list $(LAB) $(B)/gen

$(B)/gen/syscalls.stamp: kernel/syscalls.list tools/gensyscalls.py | build/.deps-build
	@mkdir -p $(B)/gen
	$(call say,GEN,"$(B)/gen/syscall_* from kernel/syscalls.list")$(PYTHON) tools/gensyscalls.py $< $(LAB) $(B)/gen
	@touch $@

$(B)/%.o: %.c $(GEN) $(B)/cflags
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KERNEL_INC) -MMD -MP -c $< -o $@

# The message-passing fast path (kernel/ipc/fastpath.c, provided) is
# built with -O2 whatever OPT says: it is the code make bench measures,
# and students do not step through it (boot with fastpath=0 to debug the
# general path). Everything else keeps OPT.
$(B)/kernel/ipc/fastpath.o: CFLAGS += -O2

# The compiler flags of the last build: a change rebuilds every object.
$(B)/cflags: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(CFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS)' > $@

$(B)/%.o: %.asm | build/.deps-build
	@mkdir -p $(dir $@)
	$(call say,AS,$<)$(NASM) -f elf32 -g -F dwarf $< -o $@

$(B)/gen/syscall_table.o: $(GEN) $(B)/cflags
	$(call say,CC,$(B)/gen/syscall_table.c)$(CC) $(CFLAGS) $(KERNEL_INC) -c $(B)/gen/syscall_table.c -o $@

# The list of programs, rewritten only when it changes: a program added or
# taken away (a hidden test's, say) rebuilds the image's table.
$(B)/gen/progs.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PROG_BINS)' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

# progs.asm names the programs (progs.o, below, holds their bytes): it is
# rewritten only when the list changes, and its stamp says when it was made.
$(B)/gen/progs.asm: $(B)/gen/progs.stamp
	@[ -f $@ ] || $(PYTHON) tools/genprogs.py $@ $(PROG_BINS)

$(B)/gen/progs.stamp: $(PROG_BINS) tools/genprogs.py $(B)/gen/progs.list
	$(call say,GEN,$(B)/gen/progs.asm)$(PYTHON) tools/genprogs.py $(B)/gen/progs.asm $(PROG_BINS)
	@touch $@

$(B)/gen/progs.o: $(B)/gen/progs.asm $(PROG_BINS)
	$(call say,AS,$<)$(NASM) -f elf32 $< -o $@

$(B)/kernel.elf: $(KERNEL_OBJ) kernel/kernel.ld
	$(call say,LD,$@)$(LD) -m elf_i386 -z noexecstack --no-warn-rwx-segments -T kernel/kernel.ld -o $@ $(KERNEL_OBJ) $(LIBGCC)
	@$(SIZE) $@ | tail -1 | awk '{print "kernel: " $$4 " bytes (text " $$1 ", data " $$2 ", bss " $$3 ")"}'

# User programs: the library, then one ELF per program; the kernel carries
# a copy without debug information (.bin), gdb reads the full one (.elf).
$(B)/user/%.o: %.c $(GEN) $(B)/cflags
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(USER_INC) -MMD -MP -c $< -o $@

$(B)/user/rawcall.o: user/lib/rawcall.asm | build/.deps-build
	@mkdir -p $(dir $@)
	$(call say,AS,$<)$(NASM) -f elf32 $< -o $@

$(B)/user/usys.o: $(GEN)
	$(call say,AS,$(B)/gen/usys.asm)$(NASM) -f elf32 $(B)/gen/usys.asm -o $@

$(B)/user/fuzz_table.o: $(GEN) $(B)/cflags
	$(call say,CC,$(B)/gen/fuzz_table.c)$(CC) $(CFLAGS) $(USER_INC) -c $(B)/gen/fuzz_table.c -o $@

$(B)/user/%.elf: $(B)/user/%.o $(USER_LIB_O) user/user.ld
	$(call say,LD,$@)$(LD) -m elf_i386 -z noexecstack --no-warn-rwx-segments -T user/user.ld -o $@ $< $(USER_LIB_O) $(LIBGCC)

$(B)/user/%.bin: $(B)/user/%.elf
	$(Q)$(OBJCOPY) --strip-debug $< $@

# ---- booting --------------------------------------------------------------
ISO_ARGS ?= test=$(TEST) seed=$(SEED)
$(B)/iso/boot/grub/grub.cfg: FORCE
	@mkdir -p $(dir $@)
	@printf 'set timeout=0\nset default=0\nserial --unit=0 --speed=115200\nterminal_output console serial\nmenuentry "kit stage $(LAB)" {\n    multiboot /boot/kernel.elf $(ISO_ARGS)\n    boot\n}\n' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(B)/kernel.iso: $(B)/kernel.elf $(B)/iso/boot/grub/grub.cfg | build/.deps-boot
	@grub-file --is-x86-multiboot $< || { echo "grub-file: $< is not multiboot"; exit 1; }
	$(Q)cp $< $(B)/iso/boot/kernel.elf
	$(call say,ISO,$@)grub-mkrescue -o $@ $(B)/iso 2>$(B)/grub-mkrescue.log || { cat $(B)/grub-mkrescue.log; exit 1; }

iso: $(B)/kernel.iso

# The real-time clock follows the guest's clock, not the host's, from a
# fixed date: a kernel that reads it sees the same time on every run. The
# machine is an ISA PC (no PCI bus to set up: a third less work per boot)
# with the same 32-bit CPU as QEMU's default PC (docs/protocol.md).
QEMU_BASE := -machine isapc -cpu qemu32 -no-reboot -m 64 -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
             -icount shift=5,sleep=off -rtc base=2000-01-01T00:00:00,clock=vm

# The kernel leaves QEMU through isa-debug-exit: status 67 is a clean end
# ("KIT END done"), 69 a panic, 71 the guest-time limit (docs/protocol.md).
QEMU_STATUS = s=$$?; [ $$s = 67 ] && exit 0; \
	echo "qemu: exit status $$s (69: panic, 71: time limit, see docs/protocol.md)"; exit $$s

qemu: iso
	@echo "$(QEMU) $(QEMU_BASE) -cdrom $(B)/kernel.iso -serial mon:stdio"
	@$(QEMU) $(QEMU_BASE) -cdrom $(B)/kernel.iso -serial mon:stdio; $(QEMU_STATUS)

qemu-nox: iso
	@echo "$(QEMU) $(QEMU_BASE) -cdrom $(B)/kernel.iso -display none -serial mon:stdio"
	@$(QEMU) $(QEMU_BASE) -cdrom $(B)/kernel.iso -display none -serial mon:stdio; $(QEMU_STATUS)

run: kernel | build/.deps-boot
	$(PYTHON) -m grader run --stage $(LAB) --test $(TEST) --seed $(SEED)$(KARGS)

qemu-gdb: kernel | build/.deps-boot
	@echo "QEMU waits for gdb on port $(GDBPORT): run 'make gdb LAB=$(LAB) TEST=$(TEST)' in another terminal."
	$(PYTHON) -m grader run --stage $(LAB) --test $(TEST) --seed $(SEED) --gdb $(GDBPORT)$(KARGS)

# gdb's start-up script: kernel symbols, the test program's symbols (user
# addresses never overlap the kernel's), the kit's commands (kit-ps,
# kit-proc, kit-break: tools/gdb/kit.py), the port of make qemu-gdb, and
# a few lines (kit-intro) on what was loaded and how to break in user code.
$(B)/gdbinit: FORCE
	@mkdir -p $(B)
	@printf 'set confirm off\nset pagination off\nsource tools/gdb/kit.py\nfile $(B)/kernel.elf\n%s\ntarget remote localhost:$(GDBPORT)\nkit-intro\n' \
	  "$(if $(wildcard $(B)/user/$(TEST).elf),add-symbol-file $(B)/user/$(TEST).elf)" > $@

gdb: kernel $(B)/gdbinit | build/.deps-debug
	gdb -q -x $(B)/gdbinit

# ---- grading and tests ----------------------------------------------------
# Earlier labs' tests run as regressions on their first seed only, so that a
# grade is quick to run on every save; ALLSEEDS=1 runs every seed of every
# lab, as submissions, make test and Gradescope always do.
REGRESS := $(if $(ALLSEEDS),, --regression-seeds 1)

grade: | build/.deps-build build/.deps-boot
	$(PYTHON) -m grader --stage $(LAB) $(if $(filter command line,$(origin TEST)),--test $(TEST))$(REGRESS)$(KARGS)

bench: | build/.deps-build build/.deps-boot
	$(PYTHON) tools/bench.py --stage $(LAB)$(KARGS)

# Lab 1's fuzz test, seed after seed (from SEED) on every core (or JOBS),
# until CALLS calls; the last line counts calls, panics, hangs and leaks.
CALLS ?= 1000000
fuzz: kernel | build/.deps-boot
	$(PYTHON) tools/fuzz.py --stage $(LAB) --calls $(CALLS) --seed $(SEED) $(if $(JOBS),--jobs $(JOBS))

grade-all: | build/.deps-build build/.deps-boot
	$(PYTHON) -m grader --all-stages$(REGRESS)$(KARGS)

test: | build/.deps-build build/.deps-boot build/.deps-debug build/.deps-handout build/.deps-kit
	@[ -f tests/run.py ] || { echo "make test is the instructor's test suite, not part of a student kit:"; \
	  echo "make check checks your tools, make grade scores your work"; exit 1; }
	$(PYTHON) tests/run.py

# A few seconds' check that the tools are there and work: every package,
# the stage builds, GRUB accepts the kernel, QEMU boots it to its end.
check: | build/.deps-build build/.deps-boot build/.deps-debug
	@sh tools/check.sh $(LAB)

# Gradescope's autograder bundle for lab LAB:
# build/gradescope/labN/autograder.zip (the lab's kit, cut: no solution of
# lab N or later; the hidden tests of labs 1..N; the grader).
gradescope: | build/.deps-kit
	$(PYTHON) tools/gradescope.py --lab $(LAB)

# The student kit for lab LAB, cut from this tree (instructors).
KIT_OUT ?= build/kit/lab$(LAB)
kit: | build/.deps-kit
	@sh tools/mkkit.sh $(LAB) $(KIT_OUT)

-include mk/*.mk

clean:
	rm -rf build

FORCE:

# This stage's dependency files only: build/ also holds other trees (cut
# kits, graded submissions) whose own build/ folders are none of ours.
-include $(shell find $(B) -name '*.d' 2>/dev/null)
