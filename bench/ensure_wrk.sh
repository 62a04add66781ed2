#!/bin/sh
# wrk, the load generator of `make bench`, comes from Debian's package of that name. Installed
# here only when it is missing and we run as root; otherwise say how to install it.
set -eu
command -v wrk >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "wrk is not installed; installing Debian's package: apt-get install -y wrk"
    if ! apt-get install -y wrk; then
        echo "that failed; refreshing the package lists first: apt-get update"
        apt-get update
        echo "apt-get install -y wrk"
        apt-get install -y wrk
    fi
    exit 0
fi
echo "wrk is not installed; it is the load generator of make bench. Install it with:" >&2
echo "    sudo apt-get install wrk" >&2
exit 1
