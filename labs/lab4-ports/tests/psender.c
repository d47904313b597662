/*
 * psender.c (lab 4 helper): one message through a port: port_send (or with
 * request=1 port_request) to port= with code= and w[0] = word=, timeout
 * -1; exit status 0 if it was delivered (for a request: answered), else
 * 1.
 */
#include "lab4test.h"

int main(int argc, char **argv)
{
    int port = (int)arg_uint(argc, argv, "port", 0);
    struct msg m = { .code = (int32_t)arg_uint(argc, argv, "code", 0),
                     .w = { arg_uint(argc, argv, "word", 0) } };
    int r = arg_uint(argc, argv, "request", 0)
                ? sys_port_request(port, &m, TIMEOUT_NEVER)
                : sys_port_send(port, &m, TIMEOUT_NEVER);
    return r == 0 ? 0 : 1;
}
