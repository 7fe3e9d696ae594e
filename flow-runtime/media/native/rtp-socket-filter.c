/*
 * rtp-socket-filter: a kernel receive filter for the RTP sockets of the media server (issue 18).
 *
 * A caller listening to a menu sends 50 audio packets a second that nobody uses: only its
 * RFC 4733 digits matter. Node reads every datagram (a recvmsg, a buffer, a JS callback: about
 * half of a held call's CPU). With this filter attached (SO_ATTACH_FILTER, classic BPF), the
 * kernel drops those audio packets before they are queued on the socket; it lets through:
 *   - RTP packets whose payload type is the negotiated telephone-event type (digits),
 *   - any packet from another source than the latched one (the far end moved: NAT rebinding,
 *     a re-INVITE; the endpoint re-latches and re-attaches the filter).
 * The endpoint detaches it as soon as it needs the audio (bridge, conference, recording,
 * in-band DTMF detection).
 *
 * Node has no setsockopt(), hence this small Node-API module; no npm package does this (see
 * flow-runtime/media/native/README.md). It is built with the machine's C compiler by
 * scripts/build-native.ts against Node's own headers; without it, the media server reads
 * every packet as before.
 *
 * For a UDP socket the filter sees the packet from the UDP header: offset 0 is the UDP header
 * (source port at 0), the RTP header starts at 8; the IP header is reached at SKF_NET_OFF.
 *
 * Exports:
 *   attachEventsOnly(fd, family, eventPayloadType, sourceIPv4, sourcePort) -> true
 *       family 4: sourceIPv4 is the latched address as an unsigned 32-bit number;
 *       family 6: the address is not compared (port only). eventPayloadType 128 = none.
 *   detach(fd) -> true (also when no filter was attached)
 *   drops(fd) -> packets the socket dropped (filter and full buffer), SO_MEMINFO
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/filter.h>
#include <linux/sock_diag.h>
#include <node_api.h>

#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

static napi_value throw_errno(napi_env env, const char *what) {
  char msg[160];
  snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
  napi_throw_error(env, "ERR_RTP_SOCKET_FILTER", msg);
  return NULL;
}

static int arg_u32(napi_env env, napi_value v, uint32_t *out) {
  return napi_get_value_uint32(env, v, out) == napi_ok;
}

static napi_value boolean(napi_env env, int b) {
  napi_value r;
  napi_get_boolean(env, b, &r);
  return r;
}

static napi_value attach_events_only(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  uint32_t fd, family, pt, ip, port;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 5 || !arg_u32(env, argv[0], &fd) || !arg_u32(env, argv[1], &family) || !arg_u32(env, argv[2], &pt) ||
      !arg_u32(env, argv[3], &ip) || !arg_u32(env, argv[4], &port) || (family != 4 && family != 6) || pt > 128 || port > 65535) {
    napi_throw_type_error(env, "ERR_INVALID_ARG", "attachEventsOnly(fd, 4|6, payloadType 0-128, ipv4 u32, port)");
    return NULL;
  }
  /* accept = keep the whole packet; drop = 0 bytes kept */
  struct sock_filter v4[] = {
      /* 0 */ BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 8 + 1),            /* RTP byte 1: marker | payload type */
      /* 1 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0x7f),
      /* 2 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, pt, 5, 0),         /* telephone-event -> accept */
      /* 3 */ BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0),                /* UDP source port */
      /* 4 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 0, 3),       /* another port -> accept */
      /* 5 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_NET_OFF + 12), /* IPv4 source address */
      /* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ip, 0, 1),         /* another address -> accept */
      /* 7 */ BPF_STMT(BPF_RET | BPF_K, 0),                         /* the latched source's audio: drop */
      /* 8 */ BPF_STMT(BPF_RET | BPF_K, 0xffff),                    /* accept */
  };
  struct sock_filter v6[] = {
      /* 0 */ BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 8 + 1),
      /* 1 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0x7f),
      /* 2 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, pt, 3, 0),
      /* 3 */ BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0),
      /* 4 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 0, 1),
      /* 5 */ BPF_STMT(BPF_RET | BPF_K, 0),
      /* 6 */ BPF_STMT(BPF_RET | BPF_K, 0xffff),
  };
  struct sock_fprog prog;
  if (family == 4) {
    prog.len = sizeof v4 / sizeof v4[0];
    prog.filter = v4;
  } else {
    prog.len = sizeof v6 / sizeof v6[0];
    prog.filter = v6;
  }
  /* replacing an attached filter is atomic: no packet sees no filter in between */
  if (setsockopt((int)fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) != 0) return throw_errno(env, "SO_ATTACH_FILTER");
  return boolean(env, 1);
}

static napi_value detach(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  uint32_t fd;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || !arg_u32(env, argv[0], &fd)) {
    napi_throw_type_error(env, "ERR_INVALID_ARG", "detach(fd)");
    return NULL;
  }
  int dummy = 0;
  if (setsockopt((int)fd, SOL_SOCKET, SO_DETACH_FILTER, &dummy, sizeof dummy) != 0 && errno != ENOENT) return throw_errno(env, "SO_DETACH_FILTER");
  return boolean(env, 1);
}

static napi_value drops(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  uint32_t fd;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || !arg_u32(env, argv[0], &fd)) {
    napi_throw_type_error(env, "ERR_INVALID_ARG", "drops(fd)");
    return NULL;
  }
  uint32_t mem[SK_MEMINFO_VARS];
  socklen_t len = sizeof mem;
  memset(mem, 0, sizeof mem);
  if (getsockopt((int)fd, SOL_SOCKET, SO_MEMINFO, mem, &len) != 0) return throw_errno(env, "SO_MEMINFO");
  napi_create_uint32(env, len >= (SK_MEMINFO_DROPS + 1) * sizeof(uint32_t) ? mem[SK_MEMINFO_DROPS] : 0, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"attachEventsOnly", NULL, attach_events_only, NULL, NULL, NULL, napi_enumerable, NULL},
      {"detach", NULL, detach, NULL, NULL, NULL, napi_enumerable, NULL},
      {"drops", NULL, drops, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
