/* Per-call cost of the C ABI as an integrator sees it (issue 17): kim_validate_kim and kim_moderate (JSON in, JSON
 * out, result freed), and what a PHP-FPM request pays to get a moderator: kim_moderator_default (built and freed per
 * request) against kim_moderator_shared (built once per process). Wall-clock medians of 7 runs, one thread.
 * Build against the release library: cargo build -p kim-ffi --release, then
 *   gcc -O2 -std=c11 -Ikim-ffi/include kim-ffi/tests/c/bench_calls.c -Ltarget/release -lkim_ffi \
 *       -Wl,-rpath,target/release -o target/bench_calls && target/bench_calls examples/data */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kim.h"
#include "read_file.h"

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

#define RUNS 7

/* Median over RUNS of the mean time per call of `body`, repeated n times. */
#define MEASURE(label, n, body)                                                  \
  do {                                                                           \
    double per[RUNS];                                                            \
    for (int r = 0; r < RUNS; r++) {                                             \
      double t0 = now_us();                                                      \
      for (int i = 0; i < (n); i++) {                                            \
        body;                                                                    \
      }                                                                          \
      per[r] = (now_us() - t0) / (n);                                            \
    }                                                                            \
    qsort(per, RUNS, sizeof per[0], cmp);                                        \
    printf("%-44s %10.2f us/call (min %.2f, max %.2f)\n", label, per[RUNS / 2], per[0], per[RUNS - 1]); \
  } while (0)

static void ok(kim_status s, const char *what) {
  if (s != KIM_STATUS_OK) {
    fprintf(stderr, "%s failed: %d\n", what, (int)s);
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <examples/data>\n", argv[0]);
    return 2;
  }
  /* First-use costs, once per process (the code list; the moderator's lexicon). */
  double t0 = now_us();
  kim_reference *ref = NULL;
  ok(kim_reference_shared(&ref), "reference");
  char *out = NULL;
  ok(kim_reference_lookup(ref, "64.02", 5, &out), "lookup");
  kim_string_free(out);
  printf("%-44s %10.2f us\n", "first kim_reference_shared + lookup", now_us() - t0);
  t0 = now_us();
  kim_moderator *shared = NULL;
  ok(kim_moderator_shared(&shared), "shared moderator");
  printf("%-44s %10.2f us\n", "first kim_moderator_shared", now_us() - t0);

  kim_profiles *profiles = NULL;
  ok(kim_profiles_builtin(&profiles), "profiles");
  size_t len = 0;
  char *registry = read_file(argv[1], "kim_sample.json", &len);
  /* The first KIM of the sample (15 members): cut its JSON out of the registry document. */
  char *start = strstr(registry, "\"kims\": [");
  start = strchr(start, '{');
  int depth = 0;
  char *end = start;
  for (; *end; end++) {
    if (*end == '{') depth++;
    if (*end == '}' && --depth == 0) break;
  }
  size_t kim_len = (size_t)(end - start + 1);
  const char *opts = "{\"as_of\":\"2025-06-30\"}";
  const char *post = "Gotong royong membersihkan pantai Desa Perian, Minggu pagi. Hubungi 0812-3456-7890.";

  MEASURE("kim_validate_kim (one KIM, JSON in and out)", 2000,
          ok(kim_validate_kim(profiles, ref, start, kim_len, opts, strlen(opts), &out), "validate");
          kim_string_free(out));
  MEASURE("kim_moderate (one post, shared moderator)", 20000,
          ok(kim_moderate(shared, post, strlen(post), &out), "moderate");
          kim_string_free(out));
  MEASURE("kim_moderator_default + free (per request)", 50, {
    kim_moderator *m = NULL;
    ok(kim_moderator_default(&m), "default");
    kim_moderator_free(m);
  });
  MEASURE("kim_moderator_shared (per request)", 100000, {
    kim_moderator *m = NULL;
    ok(kim_moderator_shared(&m), "shared");
    kim_moderator_free(m);
  });
  MEASURE("kim_reference_embedded + free (per request)", 100000, {
    kim_reference *r = NULL;
    ok(kim_reference_embedded(&r), "embedded");
    kim_reference_free(r);
  });
  free(registry);
  kim_profiles_free(profiles);
  return 0;
}
