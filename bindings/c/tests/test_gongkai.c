/* C test of the gongkai ABI: real values from the corpus, null pointers, invalid bytes,
 * empty input, double free. Run by scripts/test-c under valgrind. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gongkai.h"

static int failures = 0, passed = 0;
#define CHECK(cond) do { if (cond) passed++; else { failures++; \
    fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } } while (0)

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) { perror(path); exit(2); }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static double cell(const gk_report *r, const char *t, const char *row, const char *c, gk_status *s) {
    double v = -1;
    *s = gk_report_cell(r, t, row, c, &v);
    return v;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]); return 2; }
    char path[4096];
    size_t len;
    gk_status s;

    /* 000: one cell per line, blank (六)2. row. */
    snprintf(path, sizeof path, "%s/000_4ad21a775c00ab02.txt", argv[1]);
    unsigned char *data = slurp(path, &len);
    gk_report *r = NULL;
    CHECK(gk_parse(data, len, &r) == GK_STATUS_OK);
    free(data);
    CHECK(r != NULL);
    const char *agency = NULL;
    CHECK(gk_report_meta(r, "agency", &agency) == GK_STATUS_OK);
    CHECK(agency && strcmp(agency, "昌乐县卫生健康局") == 0);
    const char *published = NULL;
    CHECK(gk_report_meta(r, "published", &published) == GK_STATUS_OK);
    CHECK(published && strcmp(published, "2025-01-08") == 0);
    const char *address = (const char *)1;
    CHECK(gk_report_meta(r, "address", &address) == GK_STATUS_NULL);
    CHECK(gk_report_meta(r, "nope", &address) == GK_STATUS_NOT_FOUND);
    CHECK(cell(r, "applications", "new_received", "total", &s) == 1 && s == GK_STATUS_OK);
    CHECK(cell(r, "active_disclosure", "punishment", "decisions", &s) == 64 && s == GK_STATUS_OK);
    CHECK(cell(r, "active_disclosure", "fees", "amount", &s) == 0 && s == GK_STATUS_OK);
    /* Blank is null, not zero: the value is left untouched. */
    CHECK(cell(r, "applications", "other_unpaid_fee", "total", &s) == -1 && s == GK_STATUS_NULL);
    cell(r, "applications", "no_such_row", "total", &s);
    CHECK(s == GK_STATUS_NOT_FOUND);
    CHECK(gk_last_error() != NULL && strstr(gk_last_error(), "no_such_row") != NULL);
    cell(r, "meta", "agency", "x", &s);
    CHECK(s == GK_STATUS_NOT_FOUND);

    const char *json = NULL;
    size_t json_len = 0;
    CHECK(gk_report_json(r, &json, &json_len) == GK_STATUS_OK);
    CHECK(json && strlen(json) == json_len && strncmp(json, "{\"schema_version\":1", 19) == 0);

    size_t n = 0;
    CHECK(gk_report_diagnostic_count(r, &n) == GK_STATUS_OK && n > 0);
    int blank = 0;
    for (size_t i = 0; i < n; i++) {
        gk_diagnostic d;
        CHECK(gk_report_diagnostic(r, i, &d) == GK_STATUS_OK);
        if (strcmp(d.code, "blank_cell") == 0 && d.field &&
            strcmp(d.field, "applications.other_unpaid_fee.total") == 0 && d.line == 328)
            blank = 1;
    }
    CHECK(blank);
    gk_diagnostic d;
    CHECK(gk_report_diagnostic(r, n, &d) == GK_STATUS_NOT_FOUND);

    /* Freeing nulls the handle: a second free is a no-op, use after free is a NULL error. */
    gk_report_free(&r);
    CHECK(r == NULL);
    gk_report_free(&r);
    CHECK(gk_report_diagnostic_count(r, &n) == GK_STATUS_NULL_POINTER);
    gk_report_free(NULL);

    /* 001: tab rows with the total column left blank. */
    snprintf(path, sizeof path, "%s/001_35b03cdfa0a63b83.txt", argv[1]);
    data = slurp(path, &len);
    CHECK(gk_parse(data, len, &r) == GK_STATUS_OK);
    free(data);
    CHECK(cell(r, "applications", "new_received", "natural_person", &s) == 0 && s == GK_STATUS_OK);
    cell(r, "applications", "new_received", "total", &s);
    CHECK(s == GK_STATUS_NULL);
    gk_report_free(&r);

    /* The same report as a .docx and as an HTML page (CORPUS_DIR/../rendered). */
    const char *kinds[] = {"docx/000_4ad21a775c00ab02.docx", "html/000_4ad21a775c00ab02.html"};
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/../rendered/%s", argv[1], kinds[k]);
        data = slurp(path, &len);
        CHECK(gk_parse(data, len, &r) == GK_STATUS_OK);
        free(data);
        CHECK(cell(r, "active_disclosure", "punishment", "decisions", &s) == 64 && s == GK_STATUS_OK);
        cell(r, "applications", "other_unpaid_fee", "total", &s);
        CHECK(s == GK_STATUS_NULL);
        gk_report_free(&r);
    }
    /* A real PDF within a page budget of one: read, and told where reading stopped. */
    snprintf(path, sizeof path, "%s/../real/pdf/huaian-city-2024.pdf", argv[1]);
    data = slurp(path, &len);
    gk_limits limits = {0};
    limits.max_pages = 1;
    CHECK(gk_parse_with_limits(data, len, &limits, &r) == GK_STATUS_OK);
    int stopped = 0;
    size_t count = 0;
    CHECK(gk_report_diagnostic_count(r, &count) == GK_STATUS_OK);
    for (size_t i = 0; i < count; i++) {
        gk_diagnostic d;
        if (gk_report_diagnostic(r, i, &d) == GK_STATUS_OK && strcmp(d.code, "too_large") == 0 &&
            strstr(d.message, "page 2 of") != NULL) {
            stopped = 1;
        }
    }
    CHECK(stopped);
    gk_report_free(&r);
    /* NULL limits are the defaults. */
    CHECK(gk_parse_with_limits(data, len, NULL, &r) == GK_STATUS_OK);
    gk_report_free(&r);
    free(data);
    /* A zip that is not a .docx is an error, not a crash. */
    CHECK(gk_parse((const uint8_t *)"PK\x03\x04broken", 10, &r) == GK_STATUS_PARSE_ERROR && r == NULL);

    /* Bad input: null pointers, empty input, invalid bytes. */
    CHECK(gk_parse(NULL, 10, &r) == GK_STATUS_NULL_POINTER && r == NULL);
    /* Over the size limit: refused, with a message that says so. */
    CHECK(gk_parse_with_limit((const uint8_t *)"some report text", 16, 8, &r) == GK_STATUS_PARSE_ERROR && r == NULL);
    CHECK(strstr(gk_last_error(), "limit") != NULL);
    CHECK(gk_parse((const uint8_t *)"x", 1, NULL) == GK_STATUS_NULL_POINTER);
    CHECK(gk_parse((const uint8_t *)"", 0, &r) == GK_STATUS_PARSE_ERROR && r == NULL);
    CHECK(strstr(gk_last_error(), "empty") != NULL);
    unsigned char junk[512];
    for (int i = 0; i < 512; i++) junk[i] = (unsigned char)(i * 37 % 256);
    CHECK(gk_parse(junk, sizeof junk, &r) == GK_STATUS_PARSE_ERROR && r == NULL);
    CHECK(gk_report_json(NULL, &json, NULL) == GK_STATUS_NULL_POINTER);
    CHECK(gk_report_cell(NULL, "a", "b", "c", NULL) == GK_STATUS_NULL_POINTER);
    /* Text that is not a report is refused, and says so. */
    CHECK(gk_parse((const uint8_t *)"text", 4, &r) == GK_STATUS_PARSE_ERROR && r == NULL);
    CHECK(strstr(gk_last_error(), "not a") != NULL);
    /* Invalid UTF-8 in a key is an argument error, not a crash. */
    const char *bare = "\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5\n"; /* 一、总体情况 */
    CHECK(gk_parse((const uint8_t *)bare, strlen(bare), &r) == GK_STATUS_OK);
    double v;
    CHECK(gk_report_cell(r, "applications", "\xff\xfe", "total", &v) == GK_STATUS_INVALID_ARGUMENT);
    CHECK(gk_report_cell(r, "applications", NULL, "total", &v) == GK_STATUS_NULL_POINTER);
    gk_report_free(&r);
    CHECK(strlen(gk_version()) > 0);

    printf("%d passed, %d failed\n", passed, failures);
    return failures ? 1 : 0;
}
