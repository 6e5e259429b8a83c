/* print_filtered.c - `saker print` with the rule-language filter, as a
 * standalone program for tests: argv is print's own argv. */
#include <locale.h>

#include "replay/commands.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C");
	return sk_cmd_print_filtered(argc, argv);
}
