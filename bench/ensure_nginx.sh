#!/bin/sh
# nginx, the proxy of `make drill` (deploy/nginx/certpath.conf), comes from Debian's
# nginx-light package. Installed here only when it is missing and we run as root; otherwise
# say how to install it. The package's own service is left stopped: the drill runs its own.
set -eu
command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "nginx is not installed; installing Debian's package: apt-get install -y nginx-light"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light; then
        echo "that failed; refreshing the package lists first: apt-get update"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light
    fi
    exit 0
fi
echo "nginx is not installed; make drill runs it in front of the app. Install it with:" >&2
echo "    sudo apt-get install nginx-light" >&2
exit 1
