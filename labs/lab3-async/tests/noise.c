/*
 * noise.c (lab 3 helper): a third party during a reliable transfer. It
 * posts to the receiver rx= data messages that look right (REL_DATA,
 * sequence numbers 0 to 7, correct parity and checksum) but carry the
 * wrong bytes, and to the sender tx= an acknowledgement, as right, that
 * claims every message after the first arrived. The protocol must take
 * neither: rel_recv keeps only its sender's data, rel_send only its
 * receiver's acknowledgements. The wire format is the handout's
 * (relwire.h).
 */
#include "relwire.h"

int main(int argc, char **argv)
{
    int rx = (int)arg_uint(argc, argv, "rx", 0);
    int tx = (int)arg_uint(argc, argv, "tx", 0);
    struct msg ack = { .code = REL_ACK, .w = { 0 } };
    memset(&ack.w[1], 0xFF, REL_WINDOW / 8);
    wire_seal(&ack);
    sys_post(tx, &ack, TIMEOUT_POLL);
    for (uint32_t seq = 0; seq < 8; seq++) {
        struct msg m = { .code = REL_DATA, .w = { seq } };
        memset(&m.w[1], 0xEE, REL_PAYLOAD);
        wire_seal(&m);
        sys_post(rx, &m, TIMEOUT_POLL);
    }
    return 0;
}
