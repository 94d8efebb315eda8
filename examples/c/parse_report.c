/* Parse a report file and print a few values and the diagnostics.
 *
 *   cargo build --release -p gongkai-c
 *   gcc -Wall -Ibindings/c/include examples/c/parse_report.c \
 *       -Ltarget/release -lgongkai_c -Wl,-rpath,"$PWD/target/release" -o parse_report
 *   ./parse_report crates/gongkai/tests/fixtures/corpus/000_4ad21a775c00ab02.txt
 */
#include <stdio.h>
#include <stdlib.h>

#include "gongkai.h"

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap *= 2);
            if (!bigger) { free(buf); buf = NULL; }
            else buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static void print_cell(const gk_report *r, const char *table, const char *row, const char *col) {
    double v;
    gk_status s = gk_report_cell(r, table, row, col, &v);
    /* %.15g: a count prints whole (3985758, not 3.98576e+06), an amount with its decimals. */
    if (s == GK_STATUS_OK) printf("  %s.%s.%s = %.15g\n", table, row, col, v);
    else if (s == GK_STATUS_NULL) printf("  %s.%s.%s = null (blank)\n", table, row, col);
    else printf("  %s.%s.%s: %s\n", table, row, col, gk_last_error());
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPORT\n", argv[0]);
        return 2;
    }
    size_t len = 0;
    unsigned char *data = read_file(argv[1], &len);
    if (!data) {
        perror(argv[1]);
        return 2;
    }
    gk_report *report = NULL;
    gk_status status = gk_parse(data, len, &report);
    free(data);
    if (status != GK_STATUS_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], gk_last_error());
        return 1;
    }
    const char *agency = NULL;
    if (gk_report_meta(report, "agency", &agency) == GK_STATUS_OK) printf("agency: %s\n", agency);
    print_cell(report, "applications", "new_received", "total");
    print_cell(report, "applications", "other_unpaid_fee", "total");
    print_cell(report, "active_disclosure", "punishment", "decisions");
    print_cell(report, "review_litigation", "review", "total");

    size_t n = 0;
    gk_report_diagnostic_count(report, &n);
    printf("%zu diagnostics\n", n);
    for (size_t i = 0; i < n; i++) {
        gk_diagnostic d;
        if (gk_report_diagnostic(report, i, &d) != GK_STATUS_OK) break;
        /* Line 0 means the line is unknown: FILE: alone, as the CLI prints it. */
        if (d.line > 0) printf("  %s:%zu: ", argv[1], d.line);
        else printf("  %s: ", argv[1]);
        const char *severity = d.severity == GK_SEVERITY_ERROR ? "error"
                             : d.severity == GK_SEVERITY_NOTE  ? "note"
                                                               : "warning";
        printf("%s %s %s\n", severity, d.code, d.message);
    }
    gk_report_free(&report);
    return 0;
}
