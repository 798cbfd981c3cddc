# SPDX-License-Identifier: MIT
# fish completion for bbdiag: options, record files and the catalogue's
# observations (KEY=VALUE, listed by bbdiag --list=values).
complete -c bbdiag -l ask -d 'Guided mode: ask questions, answers on stdin'
complete -c bbdiag -s b -l batch -d 'One fault record per case'
complete -c bbdiag -l case -r -d 'Case id for records before any case record'
complete -c bbdiag -l catalogue -r -F -d 'Fault catalogue file'
complete -c bbdiag -l color -a 'auto always never' -d 'Colour the fault ids'
complete -c bbdiag -l format -r -a 'tsv text json reply' -d 'Output format'
complete -c bbdiag -l list -r -a 'faults keys values params' -d 'Print the catalogue and exit'
complete -c bbdiag -s q -l quiet -d 'Print no messages but errors'
complete -c bbdiag -l reply -d 'The answer to give the customer'
complete -c bbdiag -l top -r -d 'Candidates per case'
complete -c bbdiag -s v -l verbose -d 'Print scores on stderr'
complete -c bbdiag -a '(bbdiag --list=values 2>/dev/null | string replace -r "\t.*" "" | string match -r ".*=.+")' -d 'Observation'
