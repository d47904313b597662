/*
 * exiter.c (lab 1 helper): exit at once with status 'code='.
 */
#include "kit.h"

int main(int argc, char **argv)
{
    return (int)arg_uint(argc, argv, "code", 0);
}
