/*
 * xferrecv.c (lab 3 helper): receive len= bytes from src= with rel_recv,
 * then post src the FNV-1a checksum of what arrived (see xfer.h).
 */
#include "xfer.h"

static uint8_t buf[XFER_BYTES];

int main(int argc, char **argv)
{
    int src = (int)arg_uint(argc, argv, "src", 1);
    uint32_t len = arg_uint(argc, argv, "len", XFER_BYTES);
    if (len > XFER_BYTES)
        len = XFER_BYTES;
    struct rel_stats st;
    int got = rel_recv(src, buf, len, &st);
    if (got < 0)
        printf("rel_recv: %s\n", errno_name(got));
    struct msg m = { .code = XFER_RESULT,
                     .w = { fnv1a(FNV_INIT, buf, len), got < 0 ? 0 : got } };
    sys_post(src, &m, TIMEOUT_NEVER);
    (void)xfer_main;
    return 0;
}
