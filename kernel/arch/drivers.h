/*
 * drivers.h: the two console devices, COM1 serial and VGA text.
 * Hardware glue; serial is lab 1, VGA is provided.
 */
#ifndef ARCH_DRIVERS_H
#define ARCH_DRIVERS_H

/* LAB 1: serial_init sets COM1 to 115200 8N1; serial_putc sends one byte,
 * waiting until the transmitter is ready. Neither can fail. */
void serial_init(void);
void serial_putc(char c);

void vga_init(void);
void vga_putc(char c);

#endif /* ARCH_DRIVERS_H */
