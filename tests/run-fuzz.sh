#!/bin/sh
# Runs each libFuzzer target for the given seconds from its seed corpus
# (tests/fuzz/<target>.corpus or tests/fuzz/<cmd>/<target>.corpus).
secs=$1; shift
fail=0 pass=0
for f in "$@"; do
	rel=${f#build/fuzz/}
	seeds=tests/fuzz/$rel.corpus
	work=build/fuzz/corpus-$(echo "$rel" | tr / _)
	mkdir -p "$work"
	[ -d "$seeds" ] || seeds=
	echo "fuzz: $rel for ${secs}s"
	if "$f" -max_total_time="$secs" -print_final_stats=0 \
	    -artifact_prefix=build/fuzz/ "$work" $seeds >build/fuzz/$(echo "$rel" | tr / _).log 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $rel"; tail -n 30 build/fuzz/$(echo "$rel" | tr / _).log
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
