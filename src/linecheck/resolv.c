/* SPDX-License-Identifier: MIT */
/*
 * resolv.conf: the "nameserver" lines only, as glibc reads them (first
 * word, address, rest ignored; IPv6 zone suffixes dropped). A
 * systemd-resolved stub (127.0.0.53) is kept: it is what the host uses.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linecheck/linecheck.h"

int
lc_resolv_parse(const char *text, size_t len, char out[][INET6_ADDRSTRLEN],
    int max)
{
	const char *p = text, *end = text + len;
	int n = 0;

	while (p < end && n < max) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		char line[512], word[64], addr[128];
		size_t l = (size_t)(le - p);
		unsigned char b[16];

		if (l >= sizeof(line))
			l = sizeof(line) - 1;
		memcpy(line, p, l);
		line[l] = '\0';
		p = nl ? nl + 1 : end;
		if (sscanf(line, " %63s %127s", word, addr) != 2 ||
		    strcmp(word, "nameserver") != 0)
			continue;
		addr[strcspn(addr, "%")] = '\0';
		if (inet_pton(AF_INET, addr, b) != 1 &&
		    inet_pton(AF_INET6, addr, b) != 1)
			continue;
		for (int i = 0; i < n; i++)
			if (strcmp(out[i], addr) == 0)
				goto next;
		strcpy(out[n++], addr);
next:		;
	}
	return n;
}

int
lc_resolv_read(const char *path, char out[][INET6_ADDRSTRLEN], int max)
{
	FILE *fp = fopen(path, "r");
	static char buf[LC_RESOLV_MAX];
	size_t n;

	if (fp == NULL)
		return errno == ENOENT ? 0 : -1;
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	return lc_resolv_parse(buf, n, out, max);
}
