/*
 * noise.c (lab 3 helper): a third party during a reliable transfer. It
 * posts to the receiver rx= data messages that look right (REL_DATA,
 * sequence numbers 0 to 7, correct checksums) but carry the wrong
 * bytes, and to the sender tx= an acknowledgement with a correct
 * checksum that claims every message after the first arrived. The protocol must
 * take neither: rel_recv keeps only its sender's data, rel_send only its
 * receiver's acknowledgements. The wire format is the handout's.
 */
#include "lab3test.h"
#include "async.h"

/* Seal a protocol message as async.h says: w[12] makes the XOR of
 * w[0..12], word j rotated left by j bits, zero; w[13] is fnv1a_words
 * of the code and w[0..12]. */
static void seal(struct msg *m)
{
    uint32_t x = 0;
    for (int j = 0; j < REL_PARITY_WORD; j++)
        x ^= j ? m->w[j] << j | m->w[j] >> (32 - j) : m->w[j];
    m->w[REL_PARITY_WORD] = x >> REL_PARITY_WORD |
                            x << (32 - REL_PARITY_WORD);
    m->w[REL_SUM_WORD] = fnv1a_words(FNV_INIT, (const uint32_t *)&m->code,
                                     REL_SUM_WORD + 1);
}

int main(int argc, char **argv)
{
    int rx = (int)arg_uint(argc, argv, "rx", 0);
    int tx = (int)arg_uint(argc, argv, "tx", 0);
    struct msg ack = { .code = REL_ACK, .w = { 0 } };
    memset(&ack.w[1], 0xFF, REL_WINDOW / 8);
    seal(&ack);
    sys_post(tx, &ack, TIMEOUT_POLL);
    for (uint32_t seq = 0; seq < 8; seq++) {
        struct msg m = { .code = REL_DATA, .w = { seq } };
        memset(&m.w[1], 0xEE, REL_PAYLOAD);
        seal(&m);
        sys_post(rx, &m, TIMEOUT_POLL);
    }
    return 0;
}
