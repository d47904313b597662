/*
 * fmt.h: printf-style formatting, shared by the kernel (kprintf) and the
 * user library (printf). Lab 1.
 */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Where formatted characters go: called once per character. */
typedef void (*fmt_sink)(char c, void *arg);

/*
 * fmt_vformat: format 'fmt' with 'ap', handing each character to 'out'.
 * Conversions: %d %i %u %x %X %p %s %c %%, the length modifiers l and ll,
 * the flags '-' (left-align) and '0' (zero-pad), a field width (digits or
 * '*') and a precision for %s ('.N' or '.*'). %s of NULL prints "(null)";
 * %p prints 0x and eight hex digits. An unknown conversion is printed as
 * is. Returns the number of characters produced. Never blocks.
 */
int fmt_vformat(fmt_sink out, void *arg, const char *fmt, va_list ap);

/*
 * fmt_snprintf: format into buf (size n, always NUL-terminated when n > 0).
 * Returns the length the whole output would have had, like C's snprintf.
 */
int fmt_snprintf(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);

#endif /* LIB_FMT_H */
