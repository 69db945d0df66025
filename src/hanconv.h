/* hanconv.h - the simplified form of a Chinese character, as OpenCC's
 * maintained traditional-to-simplified conversion (t2s) gives it.
 *
 * Folding (fold.c) writes Han text in its simplified form, so "台灣" and
 * "台湾", "習近平" and "习近平" match each other in search, in names and in
 * the extractor's lexicons.  Only one-to-one conversions within the basic
 * and extension A blocks (U+3400..U+9FFF, three UTF-8 bytes each way) are
 * kept, so a folded character always has the byte length of its source and
 * the fold's byte map stays exact.  The table is made at build time by
 * src/gen/hangen.c, which asks OpenCC about every character of the range
 * (a form that converts again is followed, so folding twice is folding
 * once): parley opens nothing and asks nothing at run time.  Without
 * OpenCC's data at build time every character is its own form.
 */
#ifndef PARLEY_HANCONV_H
#define PARLEY_HANCONV_H

#include <unitypes.h>

#define HAN_LO 0x3400
#define HAN_HI 0x9FFF

/* The simplified form of uc, or uc itself (also for anything outside
 * HAN_LO..HAN_HI). */
ucs4_t han_simplified(ucs4_t uc);

#endif
