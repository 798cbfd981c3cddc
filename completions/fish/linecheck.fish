# SPDX-License-Identifier: MIT
# fish completion for linecheck
complete -c linecheck -f
# --skip takes a comma list: after the last comma, the checks not given yet.
function __linecheck_skip
	set -l tok (commandline -ct | string replace -r -- '^--skip=' '')
	set -l pre (string match -r -- '^.*,' $tok)
	for c in link dhcp arp ping dns http mtu ipv6 wifi
		contains -- $c (string split -- , "$pre"); or echo "$pre$c"
	end
end
complete -c linecheck -l cacert -r -F -d 'Extra CA certificates for HTTPS'
complete -c linecheck -l case -r -d 'Print a case record first'
complete -c linecheck -l color -x -a 'auto always never' -d 'Colour status words'
complete -c linecheck -s c -l count -r -d 'Echo requests per ping target'
complete -c linecheck -l dhcp-wait -r -d 'Collect DHCP offers this long after the first'
complete -c linecheck -l dns-warn -r -d 'Warn when a resolver answers slower'
complete -c linecheck -l errors-crit -r -d 'Critical above this many error frames'
complete -c linecheck -l errors-warn -r -d 'Warn above this many error frames'
complete -c linecheck -l format -x -a 'tsv text records json summary prometheus' -d 'Output format'
complete -c linecheck -s i -l interface -x -a '(path basename /sys/class/net/*)' -d 'Interface to check'
complete -c linecheck -l interval -r -d 'Time between echo requests'
complete -c linecheck -l lldp -d 'Listen for LLDP until the deadline'
complete -c linecheck -l loss-crit -r -d 'Critical above this ping loss'
complete -c linecheck -l loss-warn -r -d 'Warn above this ping loss'
complete -c linecheck -l mtu-expect -r -d 'Largest ICMP payload the path should carry'
complete -c linecheck -l mtu-target -r -d 'IPv4 address for the path MTU test'
complete -c linecheck -s o -l output -r -F -d 'Write the output (with --watch the Prometheus textfile) to this file'
complete -c linecheck -l ping -r -d 'Also ping this address'
complete -c linecheck -l plan -r -d 'Subscribed rate in Mbit/s, DOWN or DOWN/UP'
complete -c linecheck -s q -l quiet -d 'Print no messages but errors'
complete -c linecheck -l resolv-conf -r -F -d 'Read resolvers from this file'
complete -c linecheck -l resolver -r -d 'Query this resolver'
complete -c linecheck -l rtt-crit -r -d 'Critical above this average round trip'
complete -c linecheck -l rtt-warn -r -d 'Warn above this average round trip'
complete -c linecheck -l skip -x -a '(__linecheck_skip)' -d 'Leave out checks'
complete -c linecheck -l slow-ratio -r -d 'Share of the plan below which the speed is slow'
complete -c linecheck -l speed -d 'Measure download and upload against --speed=URL'
complete -c linecheck -l speed-streams -r -d 'Parallel connections of --speed'
complete -c linecheck -l speed-time -r -d 'Longest --speed measurement per direction'
complete -c linecheck -l target -r -d 'Name to resolve or URL to fetch'
complete -c linecheck -s t -l timeout -r -d 'Total deadline'
complete -c linecheck -l ttfb-warn -r -d 'Warn when the first byte takes longer'
complete -c linecheck -l watch -x -a '10m 1h 24h 7d' -d 'Timeline of link, address, route, gateway, DNS and error events'
complete -c linecheck -l wired -x -a '(path basename /sys/class/net/*)' -d 'With --speed, test over this wired interface too'
complete -c linecheck -s v -l verbose -d 'Print progress on stderr'
complete -c linecheck -l help -d 'Show help'
complete -c linecheck -l usage -d 'Show a short usage message'
complete -c linecheck -l version -d 'Show the version'
