#include "kit.h"
static uint32_t a[1024], b[1024];
int main(void)
{
    for (int k = 0; k < 3; k++) {
        uint64_t t0 = rdtsc();
        uint32_t *d = a; const uint32_t *s = b; uint32_t n = 1024;
        __asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
        uint64_t t1 = rdtsc();
        memset(a, 0, 4096);
        uint64_t t2 = rdtsc();
        memcpy(a, b, 4096);
        uint64_t t3 = rdtsc();
        printf("rep movsl 1024: %u, memset 4096: %u, memcpy %u, getpid %u\n", (unsigned)(t1-t0), (unsigned)(t2-t1), (unsigned)(t3-t2), 0);
    }
    return 0;
}
