#!/bin/sh
# busybox httpd runs cgi-bin/index.cgi for "/" when there is no index.html.
printf 'Content-Type: text/plain\r\n\r\n'
echo "Hostname: $(hostname)"
for address in $(hostname -i 2>/dev/null); do echo "IP: $address"; done
echo "RemoteAddr: ${REMOTE_ADDR:-unknown}"
echo "${REQUEST_METHOD:-GET} ${REQUEST_URI:-/}"
