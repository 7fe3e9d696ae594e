// rtp-caller: the calls bench's light RTP caller. One process, one UDP socket and one clock send
// the callers' audio for every call (SIPp only does the signalling), instead of SIPp's
// play_pcap_audio (a thread per call). The clock wakes every 2 ms; each call sends every 20 ms in
// its own 2 ms slot (slots given in turn), so the runtime gets packets spread over the 20 ms as
// from independent phones, not one burst per tick.
//
// How it knows where to send: the calls' INVITE SDP (written by SIPp) all point at this
// socket; the runtime's media endpoint of each call sends its prompt there from its own port,
// and this program answers every source it hears from (symmetric RTP, "latching", as a media
// relay does). A source silent for 2 s is dropped (the call ended). Each source gets its own
// SSRC, sequence numbers and timestamps, and the payload type it uses itself (not 101/13).
// Audio: the G.711 frames of a capture (--pcap, e.g. SIPp's g711a.pcap), looped; else a tone.
//
// Control on stdin, one command per line, answers on stdout (one line each):
//   stats     -> {"peers":…,"flowing":…,"sent":…,"recv":…,"late_p99_us":…,…}  ("flowing": peers
//                heard from in the last second; late: wake-up lateness of the 2 ms clock; spread:
//                time one wake-up's work took; counters since the last reset)
//   reset     -> resets counters and histograms ("ok")
//   dtmf D    -> every peer sends the RFC 4733 event D (0-9 * #) for 100 ms ("ok")
// --sink 1: only count the packets that arrive (the far end of a media-only measurement).
// The first stdout line is "port N" once the socket is bound. EOF on stdin ends the program.
// Build: gcc -O2 -o rtp-caller rtp-caller.c   (bench/support/rtp-caller.ts does it at bench time)
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* 20 ms per call, spread over SLOTS sub-ticks: each call sends in its own slot (given in turn as
   calls appear), so packets reach the runtime spread over the 20 ms as independent phones' do,
   not in one burst per tick */
#define SLOTS 10
#define TICK_NS (20000000LL / SLOTS)
#define FRAME 160
#define MAX_PEERS 16384 /* power of two: open-addressing table */
#define BATCH 64
#define HIST_BUCKETS 20000 /* 10 µs buckets up to 200 ms */
#define PEER_TIMEOUT_NS 2000000000LL
#define FLOWING_NS 1000000000LL

typedef struct {
  uint32_t addr; /* network order */
  uint16_t port; /* network order */
  uint8_t used, pt, slot;
  uint32_t frame;
  uint32_t ssrc, ts;
  uint16_t seq;
  int64_t last_heard;
  int dtmf_left; /* ticks of the current RFC 4733 event still to send (negative: end packets) */
  uint8_t dtmf_event;
  uint16_t dtmf_duration;
  uint32_t dtmf_ts;
  uint64_t recv;
} peer_t;

static peer_t peers[MAX_PEERS];
static int npeers;
static int live[MAX_PEERS]; /* indices of the used slots, so a tick does not scan the whole table */
static unsigned next_slot;
static uint8_t *audio;
static size_t audio_frames;
static uint64_t hist_late[HIST_BUCKETS], hist_spread[HIST_BUCKETS];
static uint64_t sent, recvd, ticks, missed_ticks, send_errors;
static uint64_t subtick; /* sub-ticks since the start (not reset: it picks the slot) */
static double late_max_us, spread_max_us;
static int sink_only; /* --sink 1: count what arrives, answer no one (a media-only measurement's far end) */

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void hist_add(uint64_t *h, double *max, int64_t ns) {
  double us = ns / 1000.0;
  if (us > *max) *max = us;
  long b = (long)(us / 10);
  if (b < 0) b = 0;
  if (b >= HIST_BUCKETS) b = HIST_BUCKETS - 1;
  h[b]++;
}

static double hist_pct(const uint64_t *h, double p) {
  uint64_t n = 0, acc = 0;
  for (int i = 0; i < HIST_BUCKETS; i++) n += h[i];
  if (!n) return 0;
  uint64_t want = (uint64_t)(p * n);
  for (int i = 0; i < HIST_BUCKETS; i++) {
    acc += h[i];
    if (acc > want) return (i + 1) * 10.0;
  }
  return HIST_BUCKETS * 10.0;
}

static uint8_t linear_to_alaw(int pcm) {
  int mask = pcm >= 0 ? 0xD5 : 0x55;
  if (pcm < 0) pcm = -pcm - 1;
  if (pcm > 32767) pcm = 32767;
  static const int seg_end[8] = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};
  int seg = 0;
  while (seg < 8 && pcm > seg_end[seg]) seg++;
  if (seg >= 8) return (uint8_t)(0x7F ^ mask);
  int aval = seg << 4;
  aval |= seg < 2 ? (pcm >> 4) & 0xF : (pcm >> (seg + 3)) & 0xF;
  return (uint8_t)(aval ^ mask);
}

/* The RTP payloads of a pcap (Ethernet/IPv4/UDP/RTP), one 160-byte frame per packet. */
static int load_pcap(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *d = malloc(size);
  if (fread(d, 1, size, f) != (size_t)size) { fclose(f); free(d); return -1; }
  fclose(f);
  audio = malloc(size);
  audio_frames = 0;
  long off = 24;
  while (off + 16 <= size) {
    uint32_t incl;
    memcpy(&incl, d + off + 8, 4);
    const uint8_t *p = d + off + 16;
    off += 16 + incl;
    if (off > size || incl < 14 + 20 + 8 + 12 + FRAME) continue;
    if (p[12] != 0x08 || p[13] != 0x00) continue; /* IPv4 */
    int ihl = (p[14] & 0xF) * 4;
    if (p[14 + 9] != 17) continue; /* UDP */
    const uint8_t *rtp = p + 14 + ihl + 8;
    int cc = rtp[0] & 0xF, ext = rtp[0] & 0x10;
    const uint8_t *pl = rtp + 12 + 4 * cc;
    if (ext) pl += 4 + 4 * ((pl[2] << 8) | pl[3]);
    if ((rtp[1] & 0x7F) > 34) continue; /* events, not audio */
    if (pl + FRAME > p + incl) continue;
    memcpy(audio + audio_frames * FRAME, pl, FRAME);
    audio_frames++;
  }
  free(d);
  return audio_frames ? 0 : -1;
}

static void make_tone(void) {
  audio_frames = 50;
  audio = malloc(audio_frames * FRAME);
  for (size_t i = 0; i < audio_frames * FRAME; i++) {
    double t = i / 8000.0;
    audio[i] = linear_to_alaw((int)(4000 * __builtin_sin(2 * 3.14159265358979 * 425 * t)));
  }
}

static peer_t *peer_for(uint32_t addr, uint16_t port, int create) {
  uint32_t h = (addr * 2654435761u) ^ (port * 40503u);
  for (int i = 0; i < MAX_PEERS; i++) {
    peer_t *p = &peers[(h + i) & (MAX_PEERS - 1)];
    if (!p->used && !p->addr && !p->port) {
      if (!create || npeers >= MAX_PEERS / 2) return NULL;
      memset(p, 0, sizeof *p);
      p->used = 1;
      p->addr = addr;
      p->port = port;
      p->ssrc = (uint32_t)random();
      p->seq = (uint16_t)random();
      p->ts = (uint32_t)random();
      p->pt = 255;
      p->slot = (uint8_t)(next_slot++ % SLOTS);
      p->frame = (uint32_t)random();
      live[npeers++] = (int)(p - peers);
      return p;
    }
    if (p->addr == addr && p->port == port) {
      if (!p->used && create) { /* a tombstone of the same source: a new call on a reused port */
        p->used = 1;
        p->ssrc = (uint32_t)random();
        p->pt = 255;
        p->recv = 0;
        p->dtmf_left = 0;
        p->slot = (uint8_t)(next_slot++ % SLOTS);
        live[npeers++] = (int)(p - peers);
      }
      return p->used || create ? p : NULL;
    }
  }
  return NULL;
}

static void drain(int fd, int64_t now) {
  static uint8_t bufs[BATCH][256];
  static struct iovec iov[BATCH];
  static struct sockaddr_in from[BATCH];
  static struct mmsghdr msgs[BATCH];
  for (;;) {
    for (int i = 0; i < BATCH; i++) {
      iov[i].iov_base = bufs[i];
      iov[i].iov_len = sizeof bufs[i];
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
      msgs[i].msg_hdr.msg_name = &from[i];
      msgs[i].msg_hdr.msg_namelen = sizeof from[i];
      msgs[i].msg_hdr.msg_control = NULL;
      msgs[i].msg_hdr.msg_controllen = 0;
    }
    int n = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
    if (n <= 0) return;
    for (int i = 0; i < n; i++) {
      if (msgs[i].msg_len < 12) continue;
      recvd++;
      if (sink_only) continue;
      peer_t *p = peer_for(from[i].sin_addr.s_addr, from[i].sin_port, 1);
      if (!p) continue;
      p->last_heard = now;
      p->recv++;
      uint8_t pt = bufs[i][1] & 0x7F;
      if (pt <= 34 && pt != 13) p->pt = pt;
    }
    if (n < BATCH) return;
  }
}

static const char *DIGITS = "0123456789*#";

static void send_tick(int fd, int64_t now) {
  static uint8_t hdr[BATCH][16];
  static struct iovec iov[BATCH][2];
  static struct sockaddr_in to[BATCH];
  static struct mmsghdr msgs[BATCH];
  const unsigned slot = (unsigned)(subtick % SLOTS);
  int n = 0;
  for (int i = 0; i < npeers; i++) {
    peer_t *p = &peers[live[i]];
    if (now - p->last_heard > PEER_TIMEOUT_NS) { /* the call ended: keep a tombstone */
      p->used = 0;
      live[i--] = live[--npeers];
      continue;
    }
    if (p->pt == 255 || p->slot != slot) continue;
    uint8_t *h = hdr[n];
    int len;
    p->seq++;
    if (p->dtmf_left != 0) {
      /* RFC 4733: PT 101, the event's timestamp fixed, duration growing; 3 end packets */
      int end = p->dtmf_left < 0;
      p->dtmf_duration += end ? 0 : FRAME;
      h[0] = 0x80;
      h[1] = (uint8_t)(101 | (p->dtmf_duration == FRAME && !end ? 0x80 : 0));
      h[12] = p->dtmf_event;
      h[13] = (uint8_t)((end ? 0x80 : 0) | 10);
      h[14] = (uint8_t)(p->dtmf_duration >> 8);
      h[15] = (uint8_t)p->dtmf_duration;
      uint32_t ts = htonl(p->dtmf_ts);
      memcpy(h + 4, &ts, 4);
      iov[n][0].iov_base = h;
      iov[n][0].iov_len = 16;
      len = 1;
      if (p->dtmf_left > 0 && --p->dtmf_left == 0) p->dtmf_left = -3;
      else if (p->dtmf_left < 0) p->dtmf_left++;
      p->ts += FRAME;
    } else {
      h[0] = 0x80;
      h[1] = p->pt;
      uint32_t ts = htonl(p->ts);
      memcpy(h + 4, &ts, 4);
      p->ts += FRAME;
      iov[n][0].iov_base = h;
      iov[n][0].iov_len = 12;
      iov[n][1].iov_base = audio + (p->frame++ % audio_frames) * FRAME;
      iov[n][1].iov_len = FRAME;
      len = 2;
    }
    uint16_t seq = htons(p->seq);
    memcpy(h + 2, &seq, 2);
    uint32_t ssrc = htonl(p->ssrc);
    memcpy(h + 8, &ssrc, 4);
    to[n].sin_family = AF_INET;
    to[n].sin_addr.s_addr = p->addr;
    to[n].sin_port = p->port;
    memset(&msgs[n].msg_hdr, 0, sizeof msgs[n].msg_hdr);
    msgs[n].msg_hdr.msg_name = &to[n];
    msgs[n].msg_hdr.msg_namelen = sizeof to[n];
    msgs[n].msg_hdr.msg_iov = iov[n];
    msgs[n].msg_hdr.msg_iovlen = len;
    if (++n == BATCH) {
      int s = sendmmsg(fd, msgs, n, 0);
      if (s > 0) sent += s;
      if (s < n) send_errors += n - (s > 0 ? s : 0);
      n = 0;
    }
  }
  if (n) {
    int s = sendmmsg(fd, msgs, n, 0);
    if (s > 0) sent += s;
    if (s < n) send_errors += n - (s > 0 ? s : 0);
  }
}

static void reset(void) {
  memset(hist_late, 0, sizeof hist_late);
  memset(hist_spread, 0, sizeof hist_spread);
  sent = recvd = ticks = missed_ticks = send_errors = 0;
  late_max_us = spread_max_us = 0;
}

static void command(char *line, int64_t now) {
  if (!strncmp(line, "stats", 5)) {
    int flowing = 0;
    for (int i = 0; i < npeers; i++)
      if (now - peers[live[i]].last_heard < FLOWING_NS) flowing++;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"peers\":%d,\"flowing\":%d,\"sent\":%lu,\"recv\":%lu,\"send_errors\":%lu,\"ticks\":%lu,\"missed_ticks\":%lu,"
           "\"late_p50_us\":%.0f,\"late_p99_us\":%.0f,\"late_max_us\":%.0f,\"spread_p99_us\":%.0f,\"spread_max_us\":%.0f,"
           "\"cpu_us\":%ld}\n",
           npeers, flowing, (unsigned long)sent, (unsigned long)recvd, (unsigned long)send_errors, (unsigned long)ticks,
           (unsigned long)missed_ticks, hist_pct(hist_late, 0.5), hist_pct(hist_late, 0.99), late_max_us,
           hist_pct(hist_spread, 0.99), spread_max_us,
           (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
  } else if (!strncmp(line, "reset", 5)) {
    reset();
    printf("ok\n");
  } else if (!strncmp(line, "dtmf ", 5)) {
    const char *d = strchr(DIGITS, line[5]);
    if (!d || !line[5]) {
      printf("error: dtmf needs one of %s\n", DIGITS);
    } else {
      for (int i = 0; i < npeers; i++) {
        peer_t *p = &peers[live[i]];
        if (p->dtmf_left) continue;
        p->dtmf_event = (uint8_t)(d - DIGITS);
        p->dtmf_left = 5;
        p->dtmf_duration = 0;
        p->dtmf_ts = p->ts;
      }
      printf("ok\n");
    }
  } else {
    printf("error: unknown command\n");
  }
  fflush(stdout);
}

int main(int argc, char **argv) {
  const char *host = "127.0.0.1", *pcap = NULL;
  int port = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--host")) host = argv[i + 1];
    else if (!strcmp(argv[i], "--port")) port = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--pcap")) pcap = argv[i + 1];
    else if (!strcmp(argv[i], "--sink")) sink_only = atoi(argv[i + 1]);
  }
  if (!pcap || load_pcap(pcap) != 0) make_tone();
  srandom((unsigned)now_ns());
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int buf = 8 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf) != 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
  if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof buf) != 0) setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  inet_pton(AF_INET, host, &a.sin_addr);
  if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    perror("rtp-caller: bind");
    return 1;
  }
  socklen_t al = sizeof a;
  getsockname(fd, (struct sockaddr *)&a, &al);
  printf("port %d\n", ntohs(a.sin_port));
  fflush(stdout);

  char line[256];
  size_t linelen = 0;
  int64_t next = now_ns() + TICK_NS;
  /* inbound RTP is read once per sub-tick (recvmmsg batches; an 8 MB socket buffer holds far
     more), not as it arrives: one wake-up per 2 ms instead of one per packet */
  struct pollfd pf[1] = {{.fd = 0, .events = POLLIN}};
  for (;;) {
    int64_t now = now_ns();
    if (now >= next) {
      hist_add(hist_late, &late_max_us, now - next);
      drain(fd, now);
      /* a late wake-up runs the sub-ticks it missed (up to a whole 20 ms, so every call still
         sends once per 20 ms); more than that is skipped, as the runtime's MediaClock does */
      int run = 0;
      while (next <= now_ns() && run < SLOTS) {
        send_tick(fd, now);
        subtick++;
        ticks++;
        next += TICK_NS;
        run++;
      }
      while (next <= now_ns()) {
        next += TICK_NS;
        subtick++;
        missed_ticks++;
      }
      hist_add(hist_spread, &spread_max_us, now_ns() - now);
      continue;
    }
    int wait_ms = (int)((next - now + 999999) / 1000000);
    if (poll(pf, 1, wait_ms > 0 ? wait_ms - 1 : 0) < 0 && errno != EINTR) break;
    if (pf[0].revents & (POLLIN | POLLHUP)) {
      ssize_t r = read(0, line + linelen, sizeof line - 1 - linelen);
      if (r <= 0) break;
      linelen += (size_t)r;
      char *nl;
      while ((nl = memchr(line, '\n', linelen))) {
        *nl = 0;
        command(line, now_ns());
        size_t used = (size_t)(nl - line) + 1;
        memmove(line, nl + 1, linelen - used);
        linelen -= used;
      }
      if (linelen >= sizeof line - 1) linelen = 0;
    }
    /* a poll that timed out 1 ms early: sleep the rest precisely */
    now = now_ns();
    if (now < next && next - now < 1500000) {
      struct timespec ts = {.tv_sec = next / 1000000000LL, .tv_nsec = next % 1000000000LL};
      clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    }
  }
  return 0;
}
