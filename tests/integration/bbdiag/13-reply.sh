#!/bin/bash
# bbdiag --reply (issue 20 item 5): the answer to give the customer, from
# the catalogue (故障原因答复): our side in the unified wording with an
# apology, the customer's side explained without blame; Chinese under
# zh_CN; admins word it in the catalogue.
. "$BBT_TOP/tests/lib.sh"
cat=$BBT_TOP/src/bbdiag/faults.catalog

# Every fault of the shipped catalogue has its part, in both languages.
n=$(grep -c '^fault ' "$cat")
assert_eq "$n" "$(grep -c '^	reply en ' "$cat")" "a reply en per fault"
assert_eq "$n" "$(grep -c '^	reply zh ' "$cat")" "a reply zh per fault"

# Our side: the apology and the unified wording, the fault's part in it.
run bbdiag --reply access=ftth light.los=red
assert_rc 1 "a fault"
assert_eq "We are sorry for the trouble. Our check found that the optical fibre to your home carries no light, so the connection is cut. This is on our side: we have arranged the repair and will tell you as soon as it is fixed." "$out"
LANGUAGE=zh_CN run bbdiag --reply access=ftth light.los=red
assert_eq "非常抱歉给您带来不便。经检测，入户光纤没有光信号，导致网络中断。这是我方的原因，我们已安排处理，修复后会第一时间通知您。" "$out" "zh under zh_CN"

# The customer's side: tactful, no apology for our side, no blame.
run bbdiag --format=reply code=691 aaa=状态错
assert_match '^Thank you for your patience\. Our check found that the broadband account is currently suspended' "$out"
assert_nomatch 'our side|your fault|you entered|wrong' "$out" "never blaming"
LANGUAGE=zh_CN run bbdiag --reply code=691 aaa=状态错
assert_match '^感谢您的耐心等待。经检测，宽带账号目前处于暂停状态' "$out"
assert_nomatch '我方的原因|您的错|您输错' "$out" "zh: never blaming"

# The side decides the frame, not the fault: the same DNS fault.
run bbdiag --reply qq_ok=yes dns.mode=auto dns.second=ok
assert_match '^We are sorry.*on our side' "$out" "operator resolver"
run bbdiag --reply qq_ok=yes dns.mode=static
assert_match '^Thank you for your patience' "$out" "typed-in DNS"

# Healthy and unknown; batch cases carry their id.
run bbdiag --reply </dev/null
assert_match '^We are still checking the cause' "$out"
run bbdiag --reply --batch "$BBT_DATA/bbdiag/corpus.rec"
assert_match '^healthy-linecheck: Our check found your broadband line and account working normally\.' "$out"
assert_eq "$(bbdiag --batch "$BBT_DATA/bbdiag/corpus.rec" | wc -l)" \
    "$(printf '%s\n' "$out" | wc -l)" "one answer per case"

# Admins word it in the catalogue.
sed 's/^reply ours en .*/reply ours en Apologies: {reply} A technician is on the way./' "$cat" >"$T/site.catalog"
run bbdiag --catalogue "$T/site.catalog" --reply access=ftth light.los=red
assert_eq "Apologies: the optical fibre to your home carries no light, so the connection is cut. A technician is on the way." "$out" "edited frame"
