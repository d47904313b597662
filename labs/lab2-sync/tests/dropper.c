/*
 * dropper.c (lab 2 helper): take one request and exit without responding.
 */
#include "kit.h"

int main(void)
{
    struct msg m;
    sys_receive(ANY, &m, TIMEOUT_NEVER);
    sys_sleep(2);
    return 0;
}
