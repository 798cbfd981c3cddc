#!/bin/bash
# fish completes --skip's comma list after the last comma, leaving out the
# words already given (UX audit: "linecheck --skip=dns,<TAB> gives
# nothing"); bash and zsh did already.
. "$BBT_TOP/tests/lib.sh"
need_cmd fish
comp() { fish --no-config -c "source '$BBT_TOP/completions/fish/linecheck.fish'; complete -C '$1'" | cut -f1; }
assert_eq "--skip=dns,http" "$(comp 'linecheck --skip=dns,h')" "after a comma"
assert_eq 8 "$(comp 'linecheck --skip=dns,' | grep -c '^--skip=dns,')" "eight left (wifi too)"
assert_nomatch "dns,dns" "$(comp 'linecheck --skip=dns,')" "no word twice"
assert_eq "link
mtu" "$(comp 'linecheck --skip l' ; comp 'linecheck --skip m')" "first word"
