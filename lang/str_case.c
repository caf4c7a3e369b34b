/* str_case.c — Unicode case mapping and character classes for the str methods (common scripts). */
#include "str_int.h"
#include "numfmt.h"

/* Upper-case ranges: kind 0 maps every code point in [lo, hi] to cp + delta (its lower
 * case); kind 1 is a run of (upper, lower) pairs starting at lo. */
typedef struct { uint32_t lo, hi; int32_t delta; uint8_t pairs; } case_range;

static const case_range ranges[] = {
    { 0x41, 0x5A, 32, 0 },       { 0xC0, 0xD6, 32, 0 },      { 0xD8, 0xDE, 32, 0 },
    { 0x100, 0x12F, 1, 1 },      { 0x132, 0x137, 1, 1 },     { 0x139, 0x148, 1, 1 },
    { 0x14A, 0x177, 1, 1 },      { 0x179, 0x17E, 1, 1 },     { 0x182, 0x185, 1, 1 },
    { 0x1A0, 0x1A5, 1, 1 },      { 0x1CD, 0x1DC, 1, 1 },     { 0x1DE, 0x1EF, 1, 1 },
    { 0x1F8, 0x21F, 1, 1 },      { 0x222, 0x233, 1, 1 },     { 0x246, 0x24F, 1, 1 },
    { 0x370, 0x373, 1, 1 },      { 0x386, 0x386, 38, 0 },    { 0x388, 0x38A, 37, 0 },
    { 0x38C, 0x38C, 64, 0 },     { 0x38E, 0x38F, 63, 0 },    { 0x391, 0x3A1, 32, 0 },
    { 0x3A3, 0x3AB, 32, 0 },     { 0x3D8, 0x3EF, 1, 1 },     { 0x400, 0x40F, 80, 0 },
    { 0x410, 0x42F, 32, 0 },     { 0x460, 0x481, 1, 1 },     { 0x48A, 0x4BF, 1, 1 },
    { 0x4C1, 0x4CE, 1, 1 },      { 0x4D0, 0x52F, 1, 1 },     { 0x531, 0x556, 48, 0 },
    { 0x10A0, 0x10C5, 7264, 0 }, { 0x13A0, 0x13EF, 38864, 0 },{ 0x1E00, 0x1E95, 1, 1 },
    { 0x1EA0, 0x1EFF, 1, 1 },    { 0x1F08, 0x1F0F, -8, 0 },  { 0x1F18, 0x1F1D, -8, 0 },
    { 0x1F28, 0x1F2F, -8, 0 },   { 0x1F38, 0x1F3F, -8, 0 },  { 0x1F48, 0x1F4D, -8, 0 },
    { 0x1F68, 0x1F6F, -8, 0 },   { 0x2160, 0x216F, 16, 0 },  { 0x24B6, 0x24CF, 26, 0 },
    { 0x2C00, 0x2C2F, 48, 0 },   { 0x2C80, 0x2CE3, 1, 1 },   { 0xA640, 0xA66D, 1, 1 },
    { 0xA680, 0xA69B, 1, 1 },    { 0xA722, 0xA72F, 1, 1 },   { 0xA732, 0xA76F, 1, 1 },
    { 0xFF21, 0xFF3A, 32, 0 },   { 0x10400, 0x10427, 40, 0 },
};
#define NRANGES (sizeof ranges / sizeof ranges[0])

/* Lower-case letters whose upper case is outside the tables' symmetric mapping. */
static const uint32_t special_upper[][2] = {
    { 0xB5, 0x39C }, { 0xFF, 0x178 }, { 0x131, 0x49 }, { 0x17F, 0x53 }, { 0x3C2, 0x3A3 },
    { 0x3D0, 0x392 }, { 0x3D1, 0x398 }, { 0x3D5, 0x3A6 }, { 0x3D6, 0x3A0 }, { 0x3F0, 0x39A },
    { 0x3F1, 0x3A1 }, { 0x1E9B, 0x1E60 }, { 0x1FBE, 0x399 },
};
static const uint32_t special_lower[][2] = {
    { 0x130, 0x69 }, { 0x178, 0xFF }, { 0x1E9E, 0xDF }, { 0x2126, 0x3C9 }, { 0x212A, 0x6B },
    { 0x212B, 0xE5 },
};

uint32_t wk_str_lower_cp(uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    for (size_t i = 0; i < sizeof special_lower / sizeof special_lower[0]; i++)
        if (special_lower[i][0] == cp) return special_lower[i][1];
    for (size_t i = 0; i < NRANGES; i++) {
        const case_range *r = &ranges[i];
        if (cp < r->lo || cp > r->hi) continue;
        if (!r->pairs) return (uint32_t)((int32_t)cp + r->delta);
        return (cp - r->lo) % 2 == 0 ? cp + 1 : cp;
    }
    return cp;
}

uint32_t wk_str_upper_cp(uint32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    for (size_t i = 0; i < sizeof special_upper / sizeof special_upper[0]; i++)
        if (special_upper[i][0] == cp) return special_upper[i][1];
    for (size_t i = 0; i < NRANGES; i++) {
        const case_range *r = &ranges[i];
        if (r->pairs) {
            if (cp > r->lo && cp <= r->hi && (cp - r->lo) % 2 == 1) return cp - 1;
            continue;
        }
        int64_t lo = (int64_t)r->lo + r->delta, hi = (int64_t)r->hi + r->delta;
        if ((int64_t)cp >= lo && (int64_t)cp <= hi) return (uint32_t)((int32_t)cp - r->delta);
    }
    return cp;
}

/* Letters without case in the scripts wick users are likely to meet. */
static const uint32_t letter_ranges[][2] = {
    { 0xAA, 0xAA }, { 0xBA, 0xBA }, { 0xDF, 0xDF }, { 0x180, 0x2C1 }, { 0x2C6, 0x2D1 },
    { 0x2E0, 0x2E4 }, { 0x37A, 0x37D }, { 0x3F7, 0x3FF }, { 0x561, 0x587 }, { 0x5D0, 0x5EA },
    { 0x620, 0x64A }, { 0x671, 0x6D3 }, { 0x904, 0x939 }, { 0x958, 0x961 }, { 0xE01, 0xE30 },
    { 0x10D0, 0x10FA }, { 0x1100, 0x11FF }, { 0x1F00, 0x1FBC }, { 0x1FC2, 0x1FFC },
    { 0x3041, 0x3096 }, { 0x30A1, 0x30FA }, { 0x3105, 0x312F }, { 0x3131, 0x318E },
    { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
    { 0xFF66, 0xFF9F }, { 0x20000, 0x2FFFF },
};

static bool in_table(uint32_t cp, const uint32_t (*t)[2], size_t n) {
    for (size_t i = 0; i < n; i++)
        if (cp >= t[i][0] && cp <= t[i][1]) return true;
    return false;
}

bool wk_str_iscased_cp(uint32_t cp) {
    return wk_str_lower_cp(cp) != cp || wk_str_upper_cp(cp) != cp || cp == 0xDF ||
           (cp >= 0x250 && cp <= 0x2AF);
}

bool wk_str_isalpha_cp(uint32_t cp) {
    if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    if (cp == 0xD7 || cp == 0xF7) return false;
    return wk_str_iscased_cp(cp) ||
           in_table(cp, letter_ranges, sizeof letter_ranges / sizeof letter_ranges[0]);
}

/* Digits that are not decimal (superscripts, circled digits...). */
static const uint32_t digit_ranges[][2] = {
    { 0xB2, 0xB3 }, { 0xB9, 0xB9 }, { 0x2070, 0x2070 }, { 0x2074, 0x2079 },
    { 0x2080, 0x2089 }, { 0x2460, 0x2468 }, { 0x2474, 0x247C }, { 0x2488, 0x2490 },
    { 0x24EA, 0x24EA }, { 0x24F5, 0x24FD }, { 0x24FF, 0x24FF }, { 0x2776, 0x277E },
    { 0x2780, 0x2788 }, { 0x278A, 0x2792 },
};
/* Other numeric characters (fractions, Roman numerals, CJK numerals...). */
static const uint32_t numeric_ranges[][2] = {
    { 0xBC, 0xBE }, { 0x2150, 0x2189 }, { 0x2469, 0x2473 }, { 0x247D, 0x2487 },
    { 0x2491, 0x249B }, { 0x24EB, 0x24F4 }, { 0x24FE, 0x24FE }, { 0x277F, 0x277F },
    { 0x2789, 0x2789 }, { 0x2793, 0x2793 }, { 0x3007, 0x3007 }, { 0x3021, 0x3029 },
    { 0x4E00, 0x4E00 }, { 0x4E03, 0x4E03 }, { 0x4E07, 0x4E07 }, { 0x4E09, 0x4E09 },
    { 0x4E5D, 0x4E5D }, { 0x4E8C, 0x4E8C }, { 0x4E94, 0x4E94 }, { 0x516B, 0x516B },
    { 0x516D, 0x516D }, { 0x5341, 0x5341 }, { 0x5343, 0x5343 }, { 0x56DB, 0x56DB },
    { 0x767E, 0x767E },
};

bool wk_str_isdigit_cp(uint32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return wk_unicode_decimal(cp) >= 0 ||
           in_table(cp, digit_ranges, sizeof digit_ranges / sizeof digit_ranges[0]);
}

bool wk_str_isnumeric_cp(uint32_t cp) {
    return wk_str_isdigit_cp(cp) ||
           in_table(cp, numeric_ranges, sizeof numeric_ranges / sizeof numeric_ranges[0]);
}
