/* Shared by the C tests: reads `dir/name` whole into a NUL-terminated buffer (free it with free()). */
#ifndef KIM_TEST_READ_FILE_H
#define KIM_TEST_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

static char *read_file(const char *dir, const char *name, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)size + 1);
  if (!buf) {
    fprintf(stderr, "out of memory reading %s\n", path);
    exit(2);
  }
  size_t got = fread(buf, 1, (size_t)size, f);
  fclose(f);
  buf[got] = 0;
  *len = got;
  return buf;
}

#endif
