# labs.mk: which kernel files belong to which lab. A stage LAB=N builds the
# provided core plus the files of labs 2..N; lab 1 lives inside the core.
KERNEL_LAB2 := kernel/sendq.c kernel/deadlock.c kernel/ipc_exit.c kernel/ipc_trace.c kernel/rendezvous.c
KERNEL_LAB3 := kernel/msgpool.c kernel/postbox.c kernel/notify.c kernel/lossy.c
KERNEL_LAB4 :=
KERNEL_LAB5 :=
