# labs.mk: which kernel files belong to which lab. A stage LAB=N builds the
# core (kernel/*.c, kernel/arch/*.c; lab 1 lives inside it) plus the
# message-passing files of labs 2..N, all in kernel/ipc/, and lab 5's
# memory calls (kernel/anon.c: its system calls exist from stage 5 on).
KERNEL_LAB2 := kernel/ipc/sendq.c kernel/ipc/deadlock.c kernel/ipc/exit.c \
               kernel/ipc/trace.c kernel/ipc/rendezvous.c kernel/ipc/hooks.c
KERNEL_LAB3 := kernel/ipc/msgpool.c kernel/ipc/postbox.c kernel/ipc/notify.c \
               kernel/ipc/lossy.c
KERNEL_LAB4 := kernel/ipc/port.c kernel/ipc/portq.c kernel/ipc/portmsg.c \
               kernel/ipc/portset.c kernel/ipc/mailbox.c \
               kernel/ipc/broadcast.c kernel/ipc/share.c
KERNEL_LAB5 := kernel/anon.c kernel/ipc/region.c kernel/ipc/pages.c \
               kernel/ipc/window.c kernel/ipc/bigmsg.c kernel/ipc/bigpost.c
