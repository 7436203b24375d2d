// A C++ reactor whose init reads everything a host leaks into a snapshot: the realtime and
// monotonic clocks, random bytes, a preopened directory's listing (in the order the host gives
// it) and every entry's stat (inode, device, times, size), plus a NaN computed at run time. All of
// it lands in linear memory, so without --deterministic two runs give different outputs, and with
// it they must give the same bytes. The probes read what does not depend on time or random.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <string>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace {

// Built by a static constructor (run from `_initialize` before the init function).
struct Table {
  std::vector<uint64_t> squares;
  Table() {
    for (uint64_t i = 0; i < 1000; i++) squares.push_back(i * i + 7);
  }
};
Table table;

struct Entry {
  std::string name;
  uint64_t ino, dev, size, nlink;
  bool regular;
  int64_t mtime_ns, atime_ns, ctime_ns;
};

std::vector<Entry> entries;
std::string record;  // everything read, as text, in the order read
int64_t realtime_ns, monotonic_ns, monotonic_later_ns;
unsigned char random_bytes[32];
volatile float zero_f = 0.0f;
volatile double zero_d = 0.0;
float nan_f;
double nan_d;
uint64_t dir_ino, dir_size;
int initialized;

int64_t ns(const timespec &t) { return int64_t(t.tv_sec) * 1000000000 + t.tv_nsec; }

uint64_t fnv(const std::string &s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

extern "C" {

__attribute__((export_name("wizer-initialize"))) void wizer_initialize() {
  char line[512];
  timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  realtime_ns = ns(t);
  clock_gettime(CLOCK_MONOTONIC, &t);
  monotonic_ns = ns(t);
  getentropy(random_bytes, sizeof random_bytes);

  struct stat st;
  if (stat("/data", &st) == 0) {
    dir_ino = st.st_ino;
    dir_size = st.st_size;
  }
  DIR *dir = opendir("/data");
  if (dir) {
    while (dirent *d = readdir(dir)) {
      if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..")) continue;
      std::string path = std::string("/data/") + d->d_name;
      Entry e{d->d_name, 0, 0, 0, 0, false, 0, 0, 0};
      if (stat(path.c_str(), &st) == 0) {
        e.ino = st.st_ino;
        e.dev = st.st_dev;
        e.size = st.st_size;
        e.nlink = st.st_nlink;
        e.regular = S_ISREG(st.st_mode);
        e.mtime_ns = ns(st.st_mtim);
        e.atime_ns = ns(st.st_atim);
        e.ctime_ns = ns(st.st_ctim);
      }
      entries.push_back(e);
    }
    closedir(dir);
  }

  nan_f = zero_f / zero_f;
  nan_d = std::sqrt(zero_d - 1.0);

  clock_gettime(CLOCK_MONOTONIC, &t);
  monotonic_later_ns = ns(t);

  std::snprintf(line, sizeof line, "realtime=%lld monotonic=%lld..%lld dir=%llu/%llu\n",
                (long long)realtime_ns, (long long)monotonic_ns, (long long)monotonic_later_ns,
                (unsigned long long)dir_ino, (unsigned long long)dir_size);
  record += line;
  for (unsigned char b : random_bytes) {
    std::snprintf(line, sizeof line, "%02x", b);
    record += line;
  }
  record += "\n";
  for (const Entry &e : entries) {
    std::snprintf(line, sizeof line, "%s ino=%llu dev=%llu size=%llu nlink=%llu m=%lld a=%lld c=%lld\n",
                  e.name.c_str(), (unsigned long long)e.ino, (unsigned long long)e.dev,
                  (unsigned long long)e.size, (unsigned long long)e.nlink, (long long)e.mtime_ns,
                  (long long)e.atime_ns, (long long)e.ctime_ns);
    record += line;
  }
  initialized = 1;
}

// Probes: answers that do not depend on the time, random bytes, host metadata or listing order.
__attribute__((export_name("probe_initialized"))) int probe_initialized() { return initialized; }

__attribute__((export_name("probe_entry_count"))) int probe_entry_count() {
  return int(entries.size());
}

__attribute__((export_name("probe_size_sum"))) uint64_t probe_size_sum() {
  uint64_t sum = 0;
  // Regular files only: directory sizes are the file system's (virtualised as 0 by --deterministic).
  for (const Entry &e : entries)
    if (e.regular) sum += e.size;
  return sum;
}

// Order-independent: the host lists a directory in any order.
__attribute__((export_name("probe_names_hash"))) uint64_t probe_names_hash() {
  uint64_t h = 0;
  for (const Entry &e : entries) h += fnv(e.name);
  return h;
}

// Order-dependent: which entry the host listed first (shows two trees are listed differently).
__attribute__((export_name("probe_first_name_hash"))) uint64_t probe_first_name_hash() {
  return entries.empty() ? 0 : fnv(entries[0].name);
}

__attribute__((export_name("probe_table_sum"))) uint64_t probe_table_sum() {
  uint64_t sum = 0;
  for (uint64_t v : table.squares) sum += v;
  return sum;
}

__attribute__((export_name("probe_clocks_sane"))) int probe_clocks_sane() {
  return realtime_ns > 0 && monotonic_ns > 0 && monotonic_later_ns >= monotonic_ns;
}

__attribute__((export_name("probe_nan_is_nan"))) int probe_nan_is_nan() {
  return std::isnan(nan_f) && std::isnan(nan_d);
}

__attribute__((export_name("probe_nan_f32_bits"))) uint32_t probe_nan_f32_bits() {
  uint32_t bits;
  std::memcpy(&bits, &nan_f, 4);
  return bits;
}

__attribute__((export_name("probe_nan_f64_bits"))) uint64_t probe_nan_f64_bits() {
  uint64_t bits;
  std::memcpy(&bits, &nan_d, 8);
  return bits;
}

__attribute__((export_name("probe_record_length"))) int probe_record_length() {
  return int(record.size());
}
}
