/*
 * disk.h: the RAM disk server's protocol and its client calls (lab 5).
 * The disk holds DISK_BLOCKS blocks of DISK_BLOCK bytes (1 MiB) in the
 * server's memory, and no block is ever copied: a write moves the
 * client's pages into the server, which keeps them as the block's
 * storage; a read answers with the block's pages, copy-on-write, into the
 * client's window. Lab 5, provided.
 *
 * The server is reached through a port (lab 4), not by its pid: it
 * creates an open port and sends its number, in w[0] of a DISK_PORT
 * message, to the process named by its argument tell=PID; that process hands the
 * number on to clients (as a spawn argument, say). Each call below is a
 * port_request to that port.
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

/* The codes spell DSKW, DSKR, DSKS, DSKP, so that traces can name them. */
#define DISK_WRITE  0x44534B57
#define DISK_READ   0x44534B52
#define DISK_STOP   0x44534B53
#define DISK_PORT   0x44534B50  /* the server's first message: w0 its port */

/* Write block b from buf (DISK_BLOCK bytes, page-aligned): buf's pages
 * move to the server, and are unmapped from us when this returns.
 * Returns 0 or an error. */
int disk_write(int port, uint32_t b, void *buf);

/* Read block b into our address space at window (page-aligned, with
 * DISK_BLOCK bytes free): a window is opened there for the reply.
 * Returns 0 (the block is then mapped at window, copy-on-write) or an
 * error. */
int disk_read(int port, uint32_t b, void *window);

/* Ask the server to exit (its port dies with it). */
int disk_stop(int port);

/* Start the server: spawn it and wait for the number of its port.
 * Returns the port's number (and the server's pid in *pid), or an
 * error. */
int disk_start(int *pid);

#endif /* LAB5_DISK_H */
