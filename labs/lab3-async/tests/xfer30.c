/*
 * xfer30.c (lab 3 test): a 64 KiB file, bit for bit, over the best-effort
 * channel with 30% of each fault (tests.toml sets the rates). See xfer.h.
 */
#include "xfer.h"

int main(int argc, char **argv)
{
    return xfer_main(argc, argv);
}
