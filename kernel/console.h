/*
 * console.h: the kernel's console (COM1 serial mirrored to VGA text) and
 * the framed, whole-line output of the test protocol. Provided.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

void console_init(void);
/* Raw text, not framed: only for the protocol's markers. */
void console_puts(const char *s);
/* One whole framed line: "WHO| TEXT\n". 'text' need not end in '\n'. */
void console_line(const char *who, const char *text, int len);
/* Write out a partial kprintf line now (before a panic ends the run). */
void console_flush(void);

#endif /* KERNEL_CONSOLE_H */
