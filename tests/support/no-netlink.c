/*
 * Preloaded into the test Chromium only. On a machine that runs sandboxes, every sandbox start and stop adds
 * or removes network interfaces; Chromium's address tracker sees each change and aborts requests in flight
 * with ERR_NETWORK_CHANGED (a lesson page's script failed that way and the page never started). With its
 * netlink route socket refused, the tracker takes its "always online" path and loads are left alone.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/netlink.h>
#include <sys/socket.h>

int socket(int domain, int type, int protocol) {
  static int (*real_socket)(int, int, int);
  if (!real_socket) real_socket = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
  if (domain == AF_NETLINK && protocol == NETLINK_ROUTE) {
    errno = EAFNOSUPPORT;
    return -1;
  }
  return real_socket(domain, type, protocol);
}
