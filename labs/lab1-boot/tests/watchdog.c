/*
 * watchdog.c (lab 1 helper): sleep 'ticks=' ticks and exit. fuzz.c starts
 * one before each fuzzer, tells the fuzzer its pid (so that the fuzzer
 * never kills it), and waits for whichever of the two ends first: if the
 * watchdog does, the fuzzer is stuck in a call that should have returned
 * (it never asks to wait for ever), and the round is ended.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    sys_sleep((int)arg_uint(argc, argv, "ticks", 100));
    return 0;
}
