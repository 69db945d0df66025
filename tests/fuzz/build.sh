#!/bin/sh
# build.sh - build the fuzz targets with libFuzzer (clang), ASan and UBSan:
#   BUILD=_build sh tests/fuzz/build.sh   (from the top of the source tree;
#                                        BUILD: a configured build, for config.h)
#   PARLEY_LEXICON=lexicon ./fuzz_extract -max_len=20000 tests/extract/dev
#   ./fuzz_html -max_len=100000 tests/extract/pages
# make check runs the same targets through driver.c instead (fuzz.sh).
set -e
CC=${CC:-clang}
FLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -Isrc -I${BUILD:-.} $(pkg-config --cflags libcjson icu-uc libxml-2.0 opencc)"
LIBS="$(pkg-config --libs libcjson icu-uc icu-i18n libxml-2.0 opencc) -lunistring -lm"
SRC=$(ls src/*.c)
for t in extract html; do
	# shellcheck disable=SC2086
	$CC $FLAGS -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "fuzz_$t" "tests/fuzz/fuzz_$t.c" $SRC $LIBS
	echo "built fuzz_$t"
done
