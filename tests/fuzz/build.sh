#!/bin/sh
# build.sh - build the fuzz targets with libFuzzer (clang), ASan and UBSan.
#
#   make fuzz                           in a configured build (any compiler)
#   BUILD=_build sh tests/fuzz/build.sh [TARGET...]
#                                       the same by hand (BUILD: a configured
#                                       build, for config.h and the themes
#                                       header; the targets go to
#                                       $BUILD/tests/fuzz, or $OUT)
#
# TARGET: load text cache config roundtrip extract html (default: all).
# FUZZ_CFLAGS: more compiler flags (CI gives -Werror).
# The core is compiled once (with coverage, no fuzzer main) and each
# target links it.  Running them: README, "Fuzzing"; tests/fuzz/run.sh
# runs each for a while from its seeds.  make check runs the same targets
# through driver.c instead (tests/fuzz.sh).
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${BUILD:-.}" && pwd)
OUT=${OUT:-$BUILD/tests/fuzz}
CC=${FUZZ_CC:-clang}
TARGETS=${*:-load text cache config roundtrip extract html}
jobs=$(nproc 2>/dev/null || echo 2)

command -v "$CC" >/dev/null 2>&1 || { echo "build.sh: $CC is not installed (libFuzzer needs clang)" >&2; exit 1; }
[ -f "$BUILD/config.h" ] || { echo "build.sh: no config.h in $BUILD: configure first" >&2; exit 1; }

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=c11 -Wall -Wextra ${FUZZ_CFLAGS:-} $SAN -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"
CFLAGS="$CFLAGS -I$top/src -I$BUILD -I$top/ui -I$BUILD/ui -I$top/cli"
CFLAGS="$CFLAGS $(pkg-config --cflags libcjson icu-uc libxml-2.0 libxxhash ncursesw)"
LIBS="$(pkg-config --libs libcjson icu-uc icu-i18n libxml-2.0 libxxhash) -lunistring -lm -lpthread"
CURSES_LIBS=$(pkg-config --libs ncursesw)

# the config target reads the browser's settings and themes
[ -f "$BUILD/ui/builtin-themes.h" ] || (cd "$BUILD" && make ui/builtin-themes.h >/dev/null)
# and what folding changes, for the search (src/gen/foldgen.c)
[ -f "$BUILD/src/fold_inverse.h" ] || (cd "$BUILD" && make src/fold_inverse.h >/dev/null)
[ -f "$BUILD/src/han_t2s.h" ] || (cd "$BUILD" && make src/han_t2s.h >/dev/null)

mkdir -p "$OUT/obj"
# every object, on every core: the core, the config target's part of the
# browser, and what the targets share
{
	for f in "$top"/src/*.c; do echo "$f"; done
	for f in ui/settings.c ui/keys.c ui/theme.c ui/test_hooks.c cli/datadir.c tests/fuzz/fuzz_util.c; do echo "$top/$f"; done
} | xargs -P "$jobs" -I{} sh -c \
	'o="$0/obj/$(basename "$1" .c).o"; '"$CC"' -c '"$CFLAGS"' -fsanitize=fuzzer-no-link -o "$o" "$1"' "$OUT" {}
CORE=$(ls "$OUT"/obj/*.o | grep -v -e /settings.o -e /keys.o -e /theme.o -e /datadir.o -e /fuzz_util.o)
UI="$OUT/obj/settings.o $OUT/obj/keys.o $OUT/obj/theme.o $OUT/obj/datadir.o"

for t in $TARGETS; do
	[ -f "$top/tests/fuzz/fuzz_$t.c" ] || { echo "build.sh: no target $t" >&2; exit 1; }
	extra=""
	[ "$t" = config ] && extra="$UI $CURSES_LIBS"
	# shellcheck disable=SC2086
	$CC $CFLAGS -fsanitize=fuzzer -o "$OUT/fuzz_$t" "$top/tests/fuzz/fuzz_$t.c" "$OUT/obj/fuzz_util.o" \
		$CORE $extra $LIBS
	echo "built $OUT/fuzz_$t"
done
