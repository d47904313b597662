/*
 * noise.c (lab 3 helper): a third party during a reliable transfer. It
 * posts to the receiver rx= data messages that look right (REL_DATA,
 * sequence numbers 0 to 7, correct lengths and checksums) but carry the
 * wrong bytes, and to the sender tx= an acknowledgement with a correct
 * checksum that claims the first 32 messages arrived. The protocol must
 * take neither: rel_recv keeps only its sender's data, rel_send only its
 * receiver's acknowledgements. The wire format is the handout's.
 */
#include "lab3test.h"
#include "async.h"

/* The checksum of a protocol message: FNV-1a of every word but w[2]. */
static uint32_t sum(const struct msg *m)
{
    uint32_t h = fnv1a(FNV_INIT, &m->code, sizeof(m->code));
    h = fnv1a(h, &m->w[0], 2 * sizeof(uint32_t));
    return fnv1a(h, &m->w[3], (MSG_WORDS - 3) * sizeof(uint32_t));
}

int main(int argc, char **argv)
{
    int rx = (int)arg_uint(argc, argv, "rx", 0);
    int tx = (int)arg_uint(argc, argv, "tx", 0);
    struct msg ack = { .code = REL_ACK, .w = { 0, 0xFFFFFFFFu } };
    ack.w[2] = sum(&ack);
    sys_post(tx, &ack, TIMEOUT_POLL);
    for (uint32_t seq = 0; seq < 8; seq++) {
        struct msg m = { .code = REL_DATA, .w = { seq, REL_PAYLOAD } };
        memset(&m.w[3], 0xEE, REL_PAYLOAD);
        m.w[2] = sum(&m);
        sys_post(rx, &m, TIMEOUT_POLL);
    }
    return 0;
}
