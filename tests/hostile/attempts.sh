#!/bin/sh
# What a hostile learner tries from a sandbox shell (or from a container inside it): each attempt prints
# "attempt <name> refused|escaped <detail>". Run by tests/hostile/*.test.ts, which assert that none escaped.
# Harmless if one does escape: values are written back unchanged, the clock is set to what it already is, and
# limits are raised only on the test's own sandbox. POSIX sh with what both Debian and busybox have.
# Environment: HOST_ADDRESSES (host IPv4/IPv6 addresses to probe), HOST_PORT (a host HTTP service on every
# address), BRIDGE_LL (the sandbox bridge's IPv6 link-local, may be empty), MIRROR (host:port), CONTEXT.
ctx=${CONTEXT:-sandbox}
say() { echo "attempt $1 $2 ${3:-}"; }
try() { name=$1; shift; if "$@" >/tmp/attempt.out 2>&1; then say "$name" escaped "$(head -c 120 /tmp/attempt.out | tr '\n' ' ')"; else say "$name" refused "$(head -c 120 /tmp/attempt.out | tr '\n' ' ')"; fi; }
fetch() { if command -v curl >/dev/null 2>&1; then curl -g -s -f -m 3 -o /dev/null "$1"; else wget -q -T 3 -O /dev/null "$1"; fi; }

pattern=$(cat /proc/sys/kernel/core_pattern)
try core_pattern sh -c 'printf "%s\n" "$1" > /proc/sys/kernel/core_pattern' _ "$pattern"
mkdir -p /tmp/freshproc
if mount -t proc proc /tmp/freshproc 2>/dev/null; then
  try core_pattern_fresh_procfs sh -c 'printf "%s\n" "$1" > /tmp/freshproc/sys/kernel/core_pattern' _ "$pattern"
  try sysrq_fresh_procfs sh -c 'echo h > /tmp/freshproc/sysrq-trigger'
  umount /tmp/freshproc
else say core_pattern_fresh_procfs refused "mount -t proc refused"; say sysrq_fresh_procfs refused "mount -t proc refused"; fi
# busybox date reports a refused settimeofday but exits 0: its message decides too.
try clock sh -c 'out=$(date -u -s "$(date -u "+%Y-%m-%d %H:%M:%S")" 2>&1); r=$?; echo "$out"; [ $r = 0 ] && ! echo "$out" | grep -qi "not permitted\|can.t set"'
try dmesg dmesg
try drop_caches sh -c 'echo 1 > /proc/sys/vm/drop_caches'
try sysrq sh -c 'echo h > /proc/sysrq-trigger'

# Every host block device: make its node and read it (also on a tmpfs mounted with dev).
mkdir -p /tmp/devs && mount -t tmpfs -o dev tmpfs /tmp/devs 2>/dev/null
for block in /sys/block/*; do
  [ -r "$block/dev" ] || continue
  numbers=$(cat "$block/dev"); name=$(basename "$block")
  try "read_block_device_$name" sh -c 'rm -f "$1"; mknod "$1" b "$2" "$3" && head -c 512 "$1" >/dev/null' _ "/tmp/devs/$name" "${numbers%:*}" "${numbers#*:}"
done

# The sandbox's own limits, through a fresh mount of each hierarchy (the view's root is the sandbox's cgroup).
raise() { # <controller> <v1 file> <v2 file> <value>
  mkdir -p "/tmp/cg-$1"
  if mount -t cgroup -o "$1" cgroup "/tmp/cg-$1" 2>/dev/null; then file="/tmp/cg-$1/$2"
  elif mount -t cgroup2 cgroup2 "/tmp/cg-$1" 2>/dev/null; then file="/tmp/cg-$1/$3"
  else file="/sys/fs/cgroup/$1/$2"; [ -e "$file" ] || file="/sys/fs/cgroup/$3"; fi
  try "raise_own_$1_limit" sh -c 'echo "$2" > "$1"' _ "$file" "$4"
  umount "/tmp/cg-$1" 2>/dev/null
}
raise memory memory.limit_in_bytes memory.max 9223372036854771712
raise pids pids.max pids.max max

# Kernel modules: init_module/finit_module need CAP_SYS_MODULE in the host's user namespace.
read -r inside outside count < /proc/self/uid_map
caps=$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)
if [ "$outside" = 0 ] && [ $(( 0x$caps >> 16 & 1 )) = 1 ]; then say load_kernel_module escaped "root of the host's user namespace with CAP_SYS_MODULE ($caps)"
else say load_kernel_module refused "uid_map $inside $outside $count, CapEff $caps"; fi
if [ "$outside" = 0 ]; then say uid_map_host_root escaped "0 maps to host uid 0"; else say uid_map_host_root refused "0 maps to host uid $outside"; fi

# The host's services and the cloud metadata service, over IPv4 and IPv6.
for address in $HOST_ADDRESSES; do
  case $address in *:*) url="http://[$address]:$HOST_PORT/" ;; *) url="http://$address:$HOST_PORT/" ;; esac
  try "host_port_$address" fetch "$url"
done
try metadata_ipv4 fetch http://169.254.169.254/latest/meta-data/
if [ "$ctx" = sandbox ]; then
  # IPv6 is off in the sandbox's namespace; its root can turn it on and route through the bridge.
  sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.eth0.disable_ipv6=0 2>/dev/null
  ip -6 addr add fd00:5119::99/64 dev eth0 nodad 2>/dev/null
  [ -n "$BRIDGE_LL" ] && ip -6 route replace default via "$BRIDGE_LL" dev eth0 2>/dev/null
  sleep 2
  [ -n "$BRIDGE_LL" ] && try host_port_bridge_link_local fetch "http://[$BRIDGE_LL%eth0]:$HOST_PORT/"
  try metadata_ipv6 fetch "http://[fd00:ec2::254]/latest/meta-data/"
fi

# The registry mirror is read-only: a push is refused.
if [ -n "$MIRROR" ] && docker version >/dev/null 2>&1; then
  docker pull -q busybox >/dev/null 2>&1
  docker tag busybox "$MIRROR/library/hostile-$ctx" >/dev/null 2>&1
  try push_to_mirror docker push "$MIRROR/library/hostile-$ctx"
fi
echo "attempts done"
