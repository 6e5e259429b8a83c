#!/usr/bin/env bash
# check_format.sh SRC_DIR - every C file of the repository is as the repo's
# .clang-format lays it out. Lists the files that are not; skips (77) when
# clang-format or git is missing.
set -u
src=$1
command -v clang-format >/dev/null || { echo "SKIP: clang-format not installed"; exit 77; }
files=$(git -C "$src" ls-files '*.c' '*.h' 2>/dev/null) || { echo "SKIP: $src is not a git checkout"; exit 77; }
bad=0
for f in $files; do
	if ! clang-format --style=file "$src/$f" | cmp -s - "$src/$f"; then
		echo "not clang-formatted: $f"
		bad=1
	fi
done
[ "$bad" = 0 ] && echo "all $(echo "$files" | wc -w) C files are clang-formatted"
exit "$bad"
