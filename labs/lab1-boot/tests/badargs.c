/*
 * badargs.c (lab 1 test): bad pointers, absurd lengths and unknown ids
 * get the right error code, and nothing else happens: no output, no
 * process, no lost memory. One line per case: "CASE: RESULT". Good
 * writes, up to the longest, return their length.
 */
#include "kit.h"

#define USER_TOP 0x80000000u

static void show(const char *what, int r)
{
    if (r < 0)
        printf("%s: %s\n", what, errno_name(r));
    else
        printf("%s: %d\n", what, r);
}

static void writes(void)
{
    static char ok[8] = "ok";
    show("write null", sys_write(0, 5));
    show("write kernel", sys_write((void *)0x100000, 5));
    show("write high", sys_write((void *)0xC0000000u, 4));
    show("write wraps", sys_write((void *)0xFFFFFFF0u, 32));
    show("write past top", sys_write((void *)(USER_TOP - 2), 10));
    show("write unmapped", sys_write((void *)0x60000000u, 1));
    show("write huge", sys_write(ok, 0x7FFFFFFF));
    show("write 4097", sys_write(ok, 4097));
    show("write zero", sys_write(ok, 0));
}

/* Good writes return their length; the longest allowed, 4096 bytes of
 * one line, comes out in pieces of PROC_LINE_MAX (200) characters. */
static void good_writes(void)
{
    static const char line[] = "a short line\n";
    static char longest[4096];
    show("write a line", sys_write(line, sizeof(line) - 1));
    memset(longest, 'x', sizeof(longest) - 1);
    longest[sizeof(longest) - 1] = '\n';
    show("write 4096", sys_write(longest, sizeof(longest)));
}

static void spawns(void)
{
    show("spawn null", sys_spawn(0, 0));
    show("spawn kernel", sys_spawn((const char *)0x100000, 0));
    show("spawn unknown", sys_spawn("no-such-program", 0));
    show("spawn long name",
         sys_spawn("a-name-much-longer-than-any-program", 0));
    show("spawn bad args", sys_spawn("hello", (const char *)0x10));
}

static void waits_and_kills(void)
{
    show("wait no child", sys_wait(-1, 0));
    show("wait not mine", sys_wait(1, 0));
    int pid = spawn_or_die("spin", "n=1 gap=1");
    show("wait bad status", sys_wait(pid, (void *)0x100000));
    int status = 1;
    int r = sys_wait(pid, &status);
    show("wait after bad status", r == pid ? status : r);
    show("kill zero", sys_kill(0));
    show("kill unknown", sys_kill(99999));
    show("kill negative", sys_kill(-5));
    show("kill reaped", sys_kill(pid));
}

static void others(void)
{
    show("sleep negative", sys_sleep(-1));
    show("kinfo zero", sys_kinfo(0));
    show("kinfo unknown", sys_kinfo(999));
    show("syscall 0", syscall_raw(0, 0, 0, 0, 0, 0));
    show("syscall 999", syscall_raw(999, 1, 2, 3, 4, 5));
    show("syscall -1", syscall_raw(0xFFFFFFFFu, 0, 0, 0, 0, 0));
    show("syscall 0x90000000", syscall_raw(0x90000000u, 0, 0, 0, 0, 0));
}

int main(void)
{
    writes();
    good_writes();
    spawns();
    waits_and_kills();
    others();
    printf("processes alive: %d\n", sys_kinfo(KINFO_NPROCS));
    return 0;
}
