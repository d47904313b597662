/*
 * demo_bigmsg.c (lab 5 demo, for gdb and make trace): a region shared
 * with a peer, and a child blocked sending a big message copy-on-write
 * to us while we look at our own pages. Stop in the kernel's
 * sys_pageinfo (break anon.c:sys_pageinfo) and kit-ps shows the child's
 * message in flight; kit-vm 1 shows our pages, shared and not.
 */
#include "lab5test.h"

int main(int argc, char **argv)
{
    if (arg_get(argc, argv, "child")) {
        sys_map(BUF, 2 * PAGE, MAP_WRITE);
        memset(BUF, 7, 2 * PAGE);
        struct msg m = { .code = 1 };
        big_attach(&m, BUF, 2 * PAGE, BIG_COW);
        printf("child: send %s\n", result_name(sys_send(1, &m,
                                                        TIMEOUT_NEVER)));
        return 0;
    }
    sys_map(BUF, 4 * PAGE, MAP_WRITE);
    memset(BUF, 1, 4 * PAGE);
    int peer = spawn_or_die("bigpeer", 0);
    struct msg m;
    peer_do(peer, PEER_WINDOW, 2, 0, 0);
    peer_take(peer, BUF, 2 * PAGE, BIG_SHARE_RW, &m);
    int child = spawn_or_die("demo_bigmsg", "child=1");
    sys_sleep(2);                       /* the child blocks in its send */
    int info = sys_pageinfo(BUF);
    printf("our first page: %u references\n", PAGE_REFS(info));
    sys_window(WIN, 2 * PAGE);
    int from = sys_receive(child, &m, TIMEOUT_NEVER);
    printf("received from %s: %u bytes %s\n", from == child ? "the child" :
           "?", big_len(&m), big_mode_name(m.w[BIG_MODE]));
    peer_do(peer, PEER_STOP, 0, 0, 0);
    sys_wait(peer, 0);
    sys_wait(child, 0);
    return 0;
}
