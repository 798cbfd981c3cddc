# SPDX-License-Identifier: MIT
# fish completion for bbdiag: options, record files and the catalogue's
# observations (KEY=VALUE, listed by bbdiag --list=values).
complete -c bbdiag -l ask -d 'Guided mode: ask questions, answers on stdin'
complete -c bbdiag -s b -l batch -d 'One fault record per case'
complete -c bbdiag -l case -r -d 'Case id for records before any case record'
complete -c bbdiag -l catalogue -r -F -d 'Fault catalogue file'
complete -c bbdiag -l color -f -a 'auto always never' -d 'Colour the fault ids'
complete -c bbdiag -l format -x -a 'tsv text json reply' -d 'Output format'
complete -c bbdiag -l list -x -a 'faults keys values params' -d 'Print the catalogue and exit'
complete -c bbdiag -s q -l quiet -d 'Print no messages but errors'
complete -c bbdiag -l reply -d 'The answer to give the customer'
complete -c bbdiag -l top -r -d 'Candidates per case'
complete -c bbdiag -s v -l verbose -d 'Print scores on stderr'
function __bbdiag_obs
	bbdiag --list=values 2>/dev/null | string replace -r '\t.*' '' | string match -r '.*=.+'
end
# Once the word holds KEY=, only the key's values are answers, no files.
function __bbdiag_value
	string match -qr -- '^[^-][^=]*=' (commandline -ct)
end
complete -c bbdiag -n __bbdiag_value -f -a '(__bbdiag_obs)' -d 'Observation'
complete -c bbdiag -n 'not __bbdiag_value' -a '(__bbdiag_obs)' -d 'Observation'
