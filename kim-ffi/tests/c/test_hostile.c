/* Hostile inputs (issue #7) through the C ABI: every row of kim-core/tests/data/hostile/manifest.tsv, with the
 * expected outcome of its `c` column: a status of the right family, an import report with the right counts, a
 * validation report or a verdict; never a crash. Everything obtained is freed (the test runs under ASan and
 * valgrind's leak check).
 *
 *   test_hostile <kim-core/tests/data/hostile>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "read_file.h"

static int failures = 0;
static int cases = 0;

/* A growable byte buffer. */
typedef struct {
  char *p;
  size_t len, cap;
} buf_t;

static void put(buf_t *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (b->len + n + 1 > cap) cap *= 2;
    b->p = realloc(b->p, cap);
    if (!b->p) exit(3);
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}

static void puts_b(buf_t *b, const char *s) { put(b, s, strlen(s)); }

/* Appends `line` with every "{n}" replaced by n. */
static void put_numbered(buf_t *b, const char *line, unsigned long n) {
  char num[32];
  snprintf(num, sizeof num, "%lu", n);
  const char *s = line;
  const char *hit;
  while ((hit = strstr(s, "{n}")) != NULL) {
    put(b, s, (size_t)(hit - s));
    puts_b(b, num);
    s = hit + 3;
  }
  puts_b(b, s);
}

/* The input of a manifest recipe: the same bytes as the Rust and Python runners build. */
static void build(const char *dir, const char *spec, buf_t *a, buf_t *b, int *has_b) {
  *has_b = 0;
  if (strncmp(spec, "text:", 5) == 0) {
    puts_b(a, spec + 5);
    return;
  }
  if (strncmp(spec, "gen:", 4) == 0) {
    char kind[16], arg[256];
    unsigned long num = 0;
    if (strncmp(spec + 4, "deep:", 5) == 0) {
      num = strtoul(spec + 9, NULL, 10);
      for (unsigned long i = 0; i < num; i++) put(a, "[", 1);
      for (unsigned long i = 0; i < num; i++) put(a, "]", 1);
      return;
    }
    if (sscanf(spec + 4, "%15[^:]:%lu:%255s", kind, &num, arg) != 3) {
      fprintf(stderr, "bad recipe %s\n", spec);
      exit(2);
    }
    size_t target = (size_t)num << 20, tlen = 0;
    char *t = read_file(dir, arg, &tlen);
    char *nl = strchr(t, '\n');
    *nl = 0;
    char *head = t, *body = nl + 1;
    size_t blen = strlen(body);
    while (blen > 0 && body[blen - 1] == '\n') body[--blen] = 0;
    if (strcmp(kind, "wrap") == 0) {
      /* The first line, the second repeated until the target, then the rest. */
      char *nl2 = strchr(body, '\n');
      *nl2 = 0;
      puts_b(a, head);
      while (a->len < target) puts_b(a, body);
      puts_b(a, nl2 + 1);
      free(t);
      return;
    }
    if (strcmp(kind, "line") == 0) {
      buf_t unit = {0};
      puts_b(&unit, head);
      puts_b(&unit, " ");
      for (char *c = body; *c; c++) put(&unit, *c == '\n' ? " " : c, 1);
      puts_b(&unit, " ");
      while (a->len < target) put(a, unit.p, unit.len);
      free(unit.p);
    } else {
      buf_t line = {0};
      if (strcmp(kind, "rows") == 0) {
        puts_b(a, head);
        puts_b(a, "\n");
      } else {
        puts_b(&line, head);
        puts_b(&line, "\n");
      }
      puts_b(&line, body);
      for (unsigned long n = 1; a->len < target; n++) {
        put_numbered(a, line.p, n);
        puts_b(a, "\n");
      }
      free(line.p);
    }
    free(t);
    return;
  }
  char first[256];
  const char *plus = strchr(spec, '+');
  size_t n = plus ? (size_t)(plus - spec) : strlen(spec);
  memcpy(first, spec, n);
  first[n] = 0;
  size_t len = 0;
  char *data = read_file(dir, first, &len);
  put(a, data, len);
  free(data);
  if (plus && strncmp(plus + 1, "gen:", 4) == 0) {
    buf_t unused = {0};
    int unused_b = 0;
    build(dir, plus + 1, b, &unused, &unused_b);
    free(unused.p);
    *has_b = 1;
  } else if (plus) {
    data = read_file(dir, plus + 1, &len);
    put(b, data, len);
    free(data);
    *has_b = 1;
  }
}

static const char *family(kim_status st) {
  switch (st) {
    case KIM_STATUS_INVALID_CODE: return "err:code";
    case KIM_STATUS_CSV: return "err:csv";
    case KIM_STATUS_JSON: return "err:json";
    case KIM_STATUS_REFERENCE: return "err:reference";
    case KIM_STATUS_INVALID_UTF8: return "err:utf8";
    default: return "err:other";
  }
}

/* Checks that a failed call left a message and a code behind. */
static const char *failed(kim_status st) {
  char code[64];
  size_t n = kim_last_error_code(code, sizeof code);
  if (n == 0 || n >= sizeof code || strncmp(code, "KIM-E-", 6) != 0 || kim_last_error_message(NULL, 0) == 0) {
    fprintf(stderr, "  status %d without a code or message\n", (int)st);
    failures++;
  }
  return family(st);
}

/* `"table":{"rows_in":I,"accepted":A,"rejected":R,"accepted_with_findings":W` of an import report, as "I/A+W/R". */
static void counts(const char *report, const char *table, char *out, size_t cap) {
  char key[32];
  snprintf(key, sizeof key, "\"%s\":{", table);
  const char *at = strstr(report, key);
  unsigned long i = 0, a = 0, r = 0, w = 0;
  if (!at || sscanf(at + strlen(key), "\"rows_in\":%lu,\"accepted\":%lu,\"rejected\":%lu,\"accepted_with_findings\":%lu",
                    &i, &a, &r, &w) != 4) {
    snprintf(out, cap, "?");
    return;
  }
  a += w;
  if (i != a + r) {
    fprintf(stderr, "  %s: rows in %lu != accepted %lu + rejected %lu\n", table, i, a, r);
    failures++;
  }
  snprintf(out, cap, "%lu/%lu/%lu", i, a, r);
}

static void outcome(const char *surface, const buf_t *a, const buf_t *b, int has_b, const kim_reference *ref,
                    const kim_profiles *profiles, const kim_moderator *mod, char *got, size_t cap) {
  char *out = NULL;
  kim_status st;
  const char *data = a->p ? a->p : "";
  if (strcmp(surface, "code") == 0) {
    st = kim_reference_lookup(ref, data, a->len, &out);
    /* A well-formed code missing from the list is INVALID_CODE with its own stable code. */
    char code[32] = "";
    if (st == KIM_STATUS_INVALID_CODE) kim_last_error_code(code, sizeof code);
    snprintf(got, cap, "%s", st == KIM_STATUS_OK ? "found" : strcmp(code, "KIM-E-NOT-IN-LIST") == 0 ? "absent" : failed(st));
  } else if (strcmp(surface, "reference_csv") == 0) {
    kim_reference *r = NULL;
    st = kim_reference_from_csv(data, a->len, "hostile", 7, &r);
    if (st == KIM_STATUS_OK) snprintf(got, cap, "ok:%zu", kim_reference_len(r));
    else snprintf(got, cap, "%s", failed(st));
    kim_reference_free(r);
  } else if (strcmp(surface, "registry_csv") == 0) {
    kim_registry *reg = NULL;
    st = kim_registry_from_csv(data, a->len, has_b ? b->p : NULL, has_b ? b->len : 0, ref, &reg, &out);
    if (st == KIM_STATUS_OK) {
      char k[64], m[64];
      counts(out, "kims", k, sizeof k);
      if (has_b) {
        counts(out, "members", m, sizeof m);
        snprintf(got, cap, "rows:%s;%s", k, m);
      } else {
        snprintf(got, cap, "rows:%s", k);
      }
    } else {
      snprintf(got, cap, "%s", failed(st));
    }
    kim_registry_free(reg);
  } else if (strcmp(surface, "registry_json") == 0) {
    kim_registry *reg = NULL;
    st = kim_registry_from_json(data, a->len, &reg);
    if (st == KIM_STATUS_OK) snprintf(got, cap, "ok:%zu", kim_registry_len(reg));
    else snprintf(got, cap, "%s", failed(st));
    kim_registry_free(reg);
  } else if (strcmp(surface, "kim_json") == 0) {
    const char *opts = "{\"as_of\":\"2025-06-30\"}";
    st = kim_validate_kim(profiles, ref, data, a->len, opts, strlen(opts), &out);
    if (st == KIM_STATUS_OK) snprintf(got, cap, "%s", strstr(out, "\"ok\":true") ? "report:ok" : "report:fail");
    else snprintf(got, cap, "%s", failed(st));
  } else if (strcmp(surface, "moderate") == 0) {
    st = kim_moderate(mod, data, a->len, &out);
    if (st == KIM_STATUS_OK) {
      const char *d = strstr(out, "\"decision\":\"");
      char decision[16] = "?";
      if (d) sscanf(d + 12, "%15[a-z]", decision);
      snprintf(got, cap, "verdict:%s", decision);
      /* Redaction returns a C string: a text with a NUL byte gets KIM-E-NUL, any other text is redacted. */
      char *red = NULL;
      kim_status rs = kim_redact(data, a->len, &red);
      char code[32] = "";
      if (rs != KIM_STATUS_OK) kim_last_error_code(code, sizeof code);
      int has_nul = memchr(data, 0, a->len) != NULL;
      if (has_nul ? !(rs == KIM_STATUS_INVALID_ARGUMENT && strcmp(code, "KIM-E-NUL") == 0) : rs != KIM_STATUS_OK) {
        fprintf(stderr, "  kim_redact gave status %d (%s)\n", (int)rs, code);
        failures++;
      }
      kim_string_free(red);
    } else {
      snprintf(got, cap, "%s", failed(st));
    }
  } else {
    snprintf(got, cap, "unknown surface %s", surface);
  }
  kim_string_free(out);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <kim-core/tests/data/hostile>\n", argv[0]);
    return 2;
  }
  const char *dir = argv[1];
  kim_reference *ref = NULL;
  kim_profiles *profiles = NULL;
  kim_moderator *mod = NULL;
  if (kim_reference_embedded(&ref) || kim_profiles_builtin(&profiles) || kim_moderator_default(&mod)) {
    fprintf(stderr, "cannot create the handles\n");
    return 2;
  }
  size_t mlen = 0;
  char *manifest = read_file(dir, "manifest.tsv", &mlen);
  char *next = manifest;
  while (next && *next) {
    char *line = next;
    char *nl = strchr(line, '\n');
    if (nl) *nl = 0;
    next = nl ? nl + 1 : NULL;
    if (line[0] == '#' || line[0] == 0) continue;
    char *col[6];
    int n = 0;
    for (char *c = line; n < 6; n++) {
      col[n] = c;
      char *tab = strchr(c, '\t');
      if (!tab) {
        n++;
        break;
      }
      *tab = 0;
      c = tab + 1;
    }
    if (n != 6) {
      fprintf(stderr, "manifest line with %d columns: %s\n", n, col[0]);
      failures++;
      continue;
    }
    const char *expected = col[5];
    if (strcmp(expected, "-") == 0) continue;
    buf_t a = {0}, b = {0};
    int has_b = 0;
    build(dir, col[2], &a, &b, &has_b);
    char got[256];
    outcome(col[1], &a, &b, has_b, ref, profiles, mod, got, sizeof got);
    cases++;
    int ok = strcmp(got, expected) == 0;
    if (!ok) failures++;
    printf("%-4s %-28s %-14s %10zu B: %s%s%s\n", ok ? "ok" : "FAIL", col[0], col[1], a.len + b.len, got,
           ok ? "" : " expected ", ok ? "" : expected);
    free(a.p);
    free(b.p);
  }
  free(manifest);
  kim_moderator_free(mod);
  kim_profiles_free(profiles);
  kim_reference_free(ref);
  printf("%d cases, %d failed\n", cases, failures);
  return failures == 0 && cases > 30 ? 0 : 1;
}
