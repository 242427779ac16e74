#!/bin/sh
# As the official image: `docker run redis --appendonly yes` or `... redis /path/redis.conf` run redis-server.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  shift
  # A config file must come first; later flags win, so a learner's own --protected-mode still applies.
  case "${1:-}" in
    *.conf) config=$1; shift; set -- redis-server "$config" --protected-mode no "$@" ;;
    *) set -- redis-server --protected-mode no "$@" ;;
  esac
fi
exec "$@"
