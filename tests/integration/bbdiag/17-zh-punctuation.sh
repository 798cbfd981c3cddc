#!/bin/bash
# Chinese prose takes full-width punctuation (bbtools(7) CONVENTIONS):
# ，：；（）？ and “” in bbdiag's zh_CN messages and in the catalogue's zh
# texts (names, causes, steps, questions, labels, replies, conflicts);
# option names, values, record words and 'cmd: file:line: ' prefixes
# stay ASCII. A half-width , ; ? or a ( ) : ' next to a Chinese character
# is prose punctuation in the wrong width.
. "$BBT_TOP/tests/lib.sh"
need_cmd python3
python3 - "$BBT_TOP/po/zh_CN/bbdiag.po" "$BBT_TOP/src/bbdiag/faults.catalog" <<'PY' >&2 || fail "half-width prose punctuation in Chinese text"
import re, sys
han = '[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”]'
bad = re.compile("[,;!]|(?<! )\\?(?! )|%s[():']|[():']%s" % (han, han))

def check(where, s):
    s = re.sub(r'^(%(\d\$)?s:%(\d\$)?lu: |%(\d\$)?s: )', '', s)
    s = re.sub(r'“[^”]*”|\w+="[^"]*"|\(\d\)|!=', '', s)
    if re.search('[\u4e00-\u9fff]', s) and bad.search(s):
        print('%s: %s' % (where, s))
        return 1
    return 0

n = 0
po = open(sys.argv[1], encoding='utf-8').read()
for m in re.finditer(r'\nmsgstr ((?:".*"\n)+)', po):
    n += check(sys.argv[1], ''.join(re.findall(r'"(.*)"', m.group(1))))
for i, l in enumerate(open(sys.argv[2], encoding='utf-8'), 1):
    m = re.match(r'^\s*(?:\S+\s+){1,3}?zh\s(.*)$', l)
    if m and not l.lstrip().startswith('#'):
        n += check('%s:%d' % (sys.argv[2], i), m.group(1))
sys.exit(1 if n else 0)
PY

# What a technician reads: the zh text report and the guided questions.
export BBTOOLS_CATALOGUE=$BBT_TOP/src/bbdiag/faults.catalog
LANGUAGE=zh_CN run bbdiag --format=text "$BBT_DATA/bbdiag/contract/auth-arrears.rec"
assert_match '^   责任方：cust_account（用户账号）；置信度 0\.80；层次：LCP/认证。$' "$out"
assert_match '^   支持依据：ppp\.auth\.result=rejected, code=691, auth_msg=arrears$' "$out"
LANGUAGE=zh_CN run bbdiag --ask --top 1 access=ftth <<<$'red'
assert_match '^  （直接回车或 \? = 不知道，q = 停止提问）$' "$err"
