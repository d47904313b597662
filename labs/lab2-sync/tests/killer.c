/*
 * killer.c (lab 2 helper): sleep 'delay=' ticks, then kill 'target='.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    sys_sleep((int)arg_uint(argc, argv, "delay", 1));
    return sys_kill((int)arg_uint(argc, argv, "target", 0)) == 0 ? 0 : 1;
}
