/*
 * fnv.c: the FNV-1a hash, a byte at a time (the checksum of lab 3's test
 * files) and a word at a time (the checksum of its protocol). Lab 3,
 * provided.
 */
#include "async.h"

uint32_t fnv1a(uint32_t h, const void *p, uint32_t n)
{
    const uint8_t *b = p;
    for (uint32_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint32_t fnv1a_words(uint32_t h, const uint32_t *w, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ w[i]) * FNV_PRIME;
    return h;
}
