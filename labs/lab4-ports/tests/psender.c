/*
 * psender.c (lab 4 helper): one message through a port, after delay=
 * ticks: port_send (with request=1 port_request, with post=1 port_post)
 * to port= with code= and w[0] = word=, timeout -1; with then= a port,
 * after then_delay= more ticks a second one, a send with code then_code=.
 * Exit status 0 if all were delivered (a request: answered; a post:
 * accepted), else 1.
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int port = (int)arg_uint(argc, argv, "port", 0);
    struct msg m = { .code = (int32_t)arg_uint(argc, argv, "code", 0),
                     .w = { arg_uint(argc, argv, "word", 0) } };
    uint32_t delay = arg_uint(argc, argv, "delay", 0);
    if (delay)
        sys_sleep((int)delay);
    int r = arg_uint(argc, argv, "request", 0)
                ? sys_port_request(port, &m, TIMEOUT_NEVER)
                : arg_uint(argc, argv, "post", 0)
                ? sys_port_post(port, &m, TIMEOUT_NEVER)
                : sys_port_send(port, &m, TIMEOUT_NEVER);
    int then = (int)arg_uint(argc, argv, "then", 0);
    if (then && r == 0) {
        sys_sleep((int)arg_uint(argc, argv, "then_delay", 0));
        m.code = (int32_t)arg_uint(argc, argv, "then_code", 0);
        r = sys_port_send(then, &m, TIMEOUT_NEVER);
    }
    return r == 0 ? 0 : 1;
}
