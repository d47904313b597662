/*
 * disk.h: the RAM disk server's protocol and its client calls (lab 5).
 * The disk holds DISK_BLOCKS blocks of DISK_BLOCK bytes (1 MiB) in the
 * server's memory, and no block is ever copied: a write moves the
 * client's pages into the server, which keeps them as the block's
 * storage; a read answers with the block's pages, copy-on-write, into the
 * client's window. Lab 5, provided.
 *
 *   request                       reply
 *   DISK_WRITE w0 block + 1 MiB   w0 0 or an error (the pages are gone
 *              region, moved      from the client either way)
 *   DISK_READ  w0 block           w0 0 or an error; the block's 1 MiB,
 *                                 copy-on-write, in the client's window
 *   DISK_STOP                     w0 0; the server exits
 */
#ifndef LAB5_DISK_H
#define LAB5_DISK_H

#include "bigmsg.h"

#define DISK_BLOCK  (1u << 20)
#define DISK_BLOCKS 4

/* The codes spell DSKW, DSKR, DSKS, so that traces can name them. */
#define DISK_WRITE  0x44534B57
#define DISK_READ   0x44534B52
#define DISK_STOP   0x44534B53

/* Write block b from buf (DISK_BLOCK bytes, page-aligned): buf's pages
 * move to the server, and are unmapped from us when this returns.
 * Returns 0 or an error. */
int disk_write(int server, uint32_t b, void *buf);

/* Read block b into our address space at window (page-aligned, with
 * DISK_BLOCK bytes free): a window is opened there for the reply.
 * Returns 0 (the block is then mapped at window, copy-on-write) or an
 * error. */
int disk_read(int server, uint32_t b, void *window);

/* Ask the server to exit. */
int disk_stop(int server);

#endif /* LAB5_DISK_H */
