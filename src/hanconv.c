/* hanconv.c - the simplified form of a Chinese character, from the table
 * hangen made of OpenCC's t2s at build time (see hanconv.h). */
#include "hanconv.h"

#include <stdint.h>

#include "src/han_t2s.h"

ucs4_t han_simplified(ucs4_t uc)
{
	if (uc < HAN_LO || uc > HAN_HI)
		return uc;
	uint16_t v = han_t2s[uc - HAN_LO];
	return v ? v : uc;
}
