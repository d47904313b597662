/*
 * cmdline.c: split the kernel command line into key=value words. QEMU's
 * -kernel loader puts the kernel's file name first and GRUB does not, so
 * any word without '=' is skipped. Provided.
 */
#include "kernel.h"
#include "cmdline.h"
#include "fmt.h"

#define CMDLINE_MAX 256
#define MAX_WORDS   16

static char line[CMDLINE_MAX];
static const char *keys[MAX_WORDS], *values[MAX_WORDS];
static int nwords;

void cmdline_init(const char *raw)
{
    strlcpy(line, raw ? raw : "", sizeof(line));
    nwords = 0;
    char *p = line;
    while (*p && nwords < MAX_WORDS) {
        while (*p == ' ')
            *p++ = '\0';
        if (!*p)
            break;
        char *word = p;
        while (*p && *p != ' ')
            p++;
        char *eq = strchr(word, '=');
        if (eq && eq < p) {
            *eq = '\0';
            keys[nwords] = word;
            values[nwords++] = eq + 1;
        }
    }
    while (*p == ' ')
        *p++ = '\0';
}

const char *cmdline_get(const char *key)
{
    for (int i = 0; i < nwords; i++)
        if (strcmp(keys[i], key) == 0)
            return values[i];
    return NULL;
}

uint32_t cmdline_uint(const char *key, uint32_t fallback)
{
    const char *v = cmdline_get(key);
    if (!v || !*v)
        return fallback;
    uint32_t n = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9')
            return fallback;
        n = n * 10 + (uint32_t)(*v - '0');
    }
    return n;
}

void cmdline_program_args(char *buf, int n)
{
    int len = 0;
    buf[0] = '\0';
    for (int i = 0; i < nwords && len < n; i++) {
        if (strcmp(keys[i], "test") == 0 || strcmp(keys[i], "limit") == 0)
            continue;
        len += fmt_snprintf(buf + len, (size_t)(n - len), "%s%s=%s",
                            len ? " " : "", keys[i], values[i]);
    }
}
