#!/bin/sh
# Starts the learner's inner Docker engine. Prints "slipway-sandbox: ready" once the engine answers: the
# sandbox server waits for that line in the container log. Images come on demand from the registry mirror
# the server passes in SLIPWAY_DOCKERD_ARGS (--registry-mirror), nothing is loaded at start.
set -eu

log() { echo "slipway-sandbox: $*"; }

setup_cgroup_v2() {
  # Without --privileged the namespaced cgroup2 mount is read-only.
  mount -o remount,rw /sys/fs/cgroup 2>/dev/null || :
  # moby's dind recipe: move ourselves out of the root cgroup so controllers can be delegated.
  mkdir -p /sys/fs/cgroup/init
  xargs -rn1 < /sys/fs/cgroup/cgroup.procs > /sys/fs/cgroup/init/cgroup.procs 2>/dev/null || :
  sed -e 's/ / +/g' -e 's/^/+/' < /sys/fs/cgroup/cgroup.controllers \
    > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || log "warning: could not enable cgroup controllers"
}

setup_cgroup_v1() {
  # Each hierarchy gets its own mount, as the host has them; needs --cgroupns private.
  mount -t tmpfs -o uid=0,gid=0,mode=0755 cgroup /sys/fs/cgroup
  while IFS=: read -r _ controllers _; do
    case "$controllers" in
      "") mkdir -p /sys/fs/cgroup/unified
          mount -t cgroup2 -o rw,nosuid,nodev,noexec cgroup2 /sys/fs/cgroup/unified 2>/dev/null || :
          ;;
      name=*) dir=${controllers#name=}
          mkdir -p "/sys/fs/cgroup/$dir"
          mount -t cgroup -o "none,$controllers" cgroup "/sys/fs/cgroup/$dir"
          ;;
      *) mkdir -p "/sys/fs/cgroup/$controllers"
         mount -t cgroup -o "$controllers" cgroup "/sys/fs/cgroup/$controllers"
         # co-mounted controllers (cpu,cpuacct) are also reachable by each name
         old_ifs=$IFS; IFS=,
         for c in $controllers; do [ -e "/sys/fs/cgroup/$c" ] || ln -s "$controllers" "/sys/fs/cgroup/$c"; done
         IFS=$old_ifs
         ;;
    esac
  done < /proc/self/cgroup
}

if [ -f /sys/fs/cgroup/cgroup.controllers ]; then setup_cgroup_v2; else setup_cgroup_v1; fi

start_engine() {
  # shellcheck disable=SC2086 # extra engine flags are word-split on purpose
  dockerd --host=unix:///var/run/docker.sock ${SLIPWAY_DOCKERD_ARGS:-} >/var/log/dockerd.log 2>&1 &
  engine=$!
}
start_engine
starts=1
trap 'kill -TERM "$engine" 2>/dev/null; wait "$engine"; exit 0' TERM INT

tries=0
until docker version >/dev/null 2>&1; do
  tries=$((tries + 1))
  if ! kill -0 "$engine" 2>/dev/null && [ "$starts" -lt 3 ] && grep -q 'timeout waiting for containerd to start' /var/log/dockerd.log; then
    # dockerd gives the containerd it starts 15 s (fixed) and then exits: on a starved host, try again.
    log "containerd was slow to start: starting the engine again"
    starts=$((starts + 1))
    start_engine
  elif [ "$tries" -gt 600 ] || ! kill -0 "$engine" 2>/dev/null; then
    log "engine failed to start"; tail -n 20 /var/log/dockerd.log; exit 1
  fi
  sleep 0.05
done

log ready
wait "$engine"
