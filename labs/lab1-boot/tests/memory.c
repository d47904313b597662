/*
 * memory.c (lab 1 test): the memory map was read right. The grader boots
 * this with an unusual -m size and checks the usable total against it;
 * the frame counters must add up and not move while nothing allocates.
 */
#include "kit.h"

int main(void)
{
    int kib = sys_kinfo(KINFO_MEM_KIB);
    int free1 = sys_kinfo(KINFO_FRAMES_FREE);
    int used1 = sys_kinfo(KINFO_FRAMES_USED);
    printf("usable memory: %d KiB\n", kib);
    printf("frames: %d free, %d used\n", free1, used1);
    printf("frames fit in memory: %s\n",
           (free1 + used1) * 4 <= kib ? "yes" : "no");
    printf("free frames steady: %s\n",
           sys_kinfo(KINFO_FRAMES_FREE) == free1 ? "yes" : "no");
    return 0;
}
