/* evfmt.h - one capture record as one text line, for the capture tests.
 *
 * Line format (stable, grep-friendly):
 *   NUM TS TID PID NAME DIR FLAGS name=value name=value ...
 * NAME is the schema's event name, except that GENERIC records show the
 * syscall's own name. DIR is '>' entry, '<' exit, '-' other. Integer
 * parameters print in decimal; byte parameters print with every byte outside
 * 0x21..0x7e, and '\' and '=', escaped as \xNN, so a value has no spaces.
 */
#ifndef SAKER_TESTS_CAPTURE_EVFMT_H
#define SAKER_TESTS_CAPTURE_EVFMT_H

#include <stdio.h>

#include "format/capture.h"

void sk_test_put_event(FILE *f, const struct sk_event *ev);

/* The syscall name of a syscall record (GENERIC or decoded), or NULL for
 * records that are not syscalls. */
const char *sk_test_syscall_name(const struct sk_event *ev);

#endif
