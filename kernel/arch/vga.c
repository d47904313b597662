/*
 * vga.c: the VGA text screen at 0xB8000, 80x25, which mirrors the serial
 * console so that a window shows what the grader reads. Scrolls; no cursor.
 * Hardware glue; provided.
 */
#include <stdint.h>
#include "drivers.h"

#define VGA_COLS   80
#define VGA_ROWS   25
#define VGA_ATTR   0x0700          /* light grey on black */

static volatile uint16_t *const vga = (volatile uint16_t *)0xB8000;
static int vga_row, vga_col;

void vga_init(void)
{
    for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
        vga[i] = VGA_ATTR | ' ';
    vga_row = vga_col = 0;
}

static void vga_scroll(void)
{
    for (int i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
        vga[i] = vga[i + VGA_COLS];
    for (int i = 0; i < VGA_COLS; i++)
        vga[VGA_COLS * (VGA_ROWS - 1) + i] = VGA_ATTR | ' ';
    vga_row = VGA_ROWS - 1;
}

void vga_putc(char c)
{
    if (c == '\n') {
        vga_col = 0;
        vga_row++;
    } else if (c != '\r') {
        vga[vga_row * VGA_COLS + vga_col] = VGA_ATTR | (uint8_t)c;
        if (++vga_col == VGA_COLS) {
            vga_col = 0;
            vga_row++;
        }
    }
    if (vga_row == VGA_ROWS)
        vga_scroll();
}
