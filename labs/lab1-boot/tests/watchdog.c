/*
 * watchdog.c (lab 1 helper): sleep 'ticks=' ticks and exit. fuzz.c starts
 * one beside each fuzzer and waits for whichever of the two ends first:
 * if the watchdog does, the fuzzer has blocked itself for ever (a random
 * receive from anyone with no timeout, say: the fuzzer's doing, not the
 * kernel's) and is killed.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    sys_sleep((int)arg_uint(argc, argv, "ticks", 100));
    return 0;
}
