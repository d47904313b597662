/*
 * fmt.c: the printf engine behind kprintf and the user library's printf.
 * Lab 1: the student writes fmt_vformat.
 */
#include <stdint.h>
#include "fmt.h"

/* One conversion's flags, as parsed from the format string. */
struct spec {
    int left;       /* '-' */
    int zero;       /* '0' */
    int width;      /* minimum field width */
    int prec;       /* %s precision, -1 when none */
    int longs;      /* number of 'l' */
};

struct counted {
    fmt_sink out;
    void *arg;
    int n;
};

static void emit(struct counted *c, char ch)
{
    c->out(ch, c->arg);
    c->n++;
}

static void emit_repeat(struct counted *c, char ch, int times)
{
    while (times-- > 0)
        emit(c, ch);
}

#ifdef SOL_LAB1
/* Print the text s (length len) in a field, padded as the spec says. */
static void emit_field(struct counted *c, const struct spec *sp,
                       const char *sign, const char *s, int len)
{
    int signlen = sign[0] ? 1 : 0;
    int pad = sp->width - len - signlen;
    if (!sp->left && !sp->zero)
        emit_repeat(c, ' ', pad);
    if (signlen)
        emit(c, sign[0]);
    if (!sp->left && sp->zero)
        emit_repeat(c, '0', pad);
    for (int i = 0; i < len; i++)
        emit(c, s[i]);
    if (sp->left)
        emit_repeat(c, ' ', pad);
}

/* Print an unsigned number in base 10 or 16. */
static void emit_number(struct counted *c, const struct spec *sp,
                        const char *sign, uint64_t v, unsigned base,
                        int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int i = sizeof(buf);
    do {
        buf[--i] = digits[v % base];
        v /= base;
    } while (v != 0);
    emit_field(c, sp, sign, buf + i, (int)sizeof(buf) - i);
}

/* Parse flags, width, precision and length; return the conversion char. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){ .prec = -1 };
    for (;; f++) {
        if (*f == '-')
            sp->left = 1;
        else if (*f == '0')
            sp->zero = 1;
        else
            break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {
            sp->left = 1;
            sp->width = -sp->width;
        }
        f++;
    }
    while (*f >= '0' && *f <= '9')
        sp->width = sp->width * 10 + (*f++ - '0');
    if (*f == '.') {
        f++;
        sp->prec = 0;
        if (*f == '*') {
            sp->prec = va_arg(*ap, int);
            f++;
        }
        while (*f >= '0' && *f <= '9')
            sp->prec = sp->prec * 10 + (*f++ - '0');
    }
    while (*f == 'l') {
        sp->longs++;
        f++;
    }
    if (sp->left)
        sp->zero = 0;
    return f;
}

static void convert(struct counted *c, struct spec *sp, char conv,
                    va_list *ap)
{
    switch (conv) {
    case 'd':
    case 'i': {
        int64_t v = sp->longs >= 2 ? va_arg(*ap, long long) : va_arg(*ap, int);
        /* Negate in unsigned arithmetic: INT_MIN has no positive twin. */
        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        emit_number(c, sp, v < 0 ? "-" : "", mag, 10, 0);
        break;
    }
    case 'u':
    case 'x':
    case 'X': {
        uint64_t v = sp->longs >= 2 ? va_arg(*ap, unsigned long long)
                                    : va_arg(*ap, unsigned int);
        emit_number(c, sp, "", v, conv == 'u' ? 10 : 16, conv == 'X');
        break;
    }
    case 'p': {
        struct spec ptr = { .zero = 1, .width = 8, .prec = -1 };
        emit(c, '0');
        emit(c, 'x');
        emit_number(c, &ptr, "", (uintptr_t)va_arg(*ap, void *), 16, 0);
        break;
    }
    case 's': {
        const char *s = va_arg(*ap, const char *);
        if (s == NULL)
            s = "(null)";
        int len = 0;
        while (s[len] && (sp->prec < 0 || len < sp->prec))
            len++;
        sp->zero = 0;
        emit_field(c, sp, "", s, len);
        break;
    }
    case 'c': {
        char ch = (char)va_arg(*ap, int);
        sp->zero = 0;
        emit_field(c, sp, "", &ch, 1);
        break;
    }
    case '%':
        emit(c, '%');
        break;
    default:                        /* unknown: show it as written */
        emit(c, '%');
        if (conv)
            emit(c, conv);
        break;
    }
}
#endif /* SOL_LAB1 */

int fmt_vformat(fmt_sink out, void *arg, const char *fmt, va_list ap)
{
    struct counted c = { out, arg, 0 };
#ifdef SOL_LAB1
    va_list args;
    va_copy(args, ap);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            emit(&c, *f);
            continue;
        }
        struct spec sp;
        f = parse_spec(f + 1, &sp, &args);
        convert(&c, &sp, *f, &args);
        if (*f == '\0')
            break;
    }
    va_end(args);
#else
    /* LAB 1: your code here. Without it, the format is printed as is. */
    (void)ap;
    for (const char *f = fmt; *f; f++)
        emit(&c, *f);
    emit_repeat(&c, ' ', 0);
#endif
    return c.n;
}

struct bufsink {
    char *buf;
    size_t size, used;
};

static void buf_put(char ch, void *arg)
{
    struct bufsink *b = arg;
    if (b->used + 1 < b->size)
        b->buf[b->used] = ch;
    b->used++;
}

int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    struct bufsink b = { buf, n, 0 };
    int len = fmt_vformat(buf_put, &b, fmt, ap);
    if (n > 0)
        buf[b.used < n ? b.used : n - 1] = '\0';
    return len;
}

int fmt_snprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = fmt_vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return len;
}
