/*
 * pserver.c (lab 4 helper): a server on an open port. It posts the port's
 * number to its parent (a lab 3 post, code 1), then serves: a message
 * with code 1 is a request, w[0] = x and w[1] = the client's reply port,
 * answered by a post of f(x) = x * x + 1 to that port (poll: a client
 * that does not keep up loses its reply); code 2 is spam, counted and
 * thrown away; a port_request with code 0 stops it, and its reply says
 * how many requests it answered (w[0]) and how much spam it took (w[1]).
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int port = sys_port_create(PORT_OPEN);
    struct msg m = { .code = 1, .w = { (uint32_t)port } };
    int parent = (int)arg_uint(argc, argv, "parent", 1);
    sys_post(parent, &m, TIMEOUT_NEVER);
    uint32_t answered = 0, spam = 0;
    while (sys_port_receive(port, &m, TIMEOUT_NEVER) == port) {
        if (m.code == 0)
            break;
        if (m.code == 2) {
            spam++;
            continue;
        }
        int reply_port = (int)m.w[1];
        m.w[0] = m.w[0] * m.w[0] + 1;
        answered += sys_port_post(reply_port, &m, TIMEOUT_POLL) == 0;
    }
    m.w[0] = answered;
    m.w[1] = spam;
    sys_respond(m.sender, &m);
    return 0;
}
