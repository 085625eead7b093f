/*
 * options.c - a command's options, its --help, and suggestions for a mistyped name.
 */
#include <string.h>

#include "cli.h"

/*
 * Edit distance, small strings only: insertions, deletions, substitutions
 * and transpositions of two neighbours ("plna" is one edit from "plan",
 * "--fromat" one from "--format"), each counting one.
 */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[64][64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* The name among @names closest to @word, or NULL when none is close. */
static const char *suggest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bestd = 3; /* at most two edits away */

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}

enum status cli_unknown(const char *cmd, const char *what, const char *word, size_t len,
			const char *const *names, size_t n)
{
	const char *prefix = cmd ? cmd : "", *colon = cmd ? ": " : "", *space = cmd ? " " : "";
	const char *s;
	char w[64];

	snprintf(w, sizeof(w), "%.*s", (int)(len < 63 ? len : 63), word);
	s = suggest(w, names, n);
	if (s)
		cli_error("%s%sunknown %s '%.*s' (did you mean %s?)", prefix, colon, what,
			  (int)len, word, s);
	else
		cli_error("%s%sunknown %s '%.*s'; see '%s %s%s--help'", prefix, colon, what,
			  (int)len, word, MU_PROGRAM, prefix, space);
	return ST_USAGE;
}

void cli_command_help(const struct cli_command *cmd, FILE *out)
{
	fprintf(out, "usage: %s [GLOBAL OPTIONS] %s%s%s\n\n%s\n", MU_PROGRAM, cmd->name,
		*cmd->args ? " " : "", cmd->args, cmd->summary);
	if (cmd->help)
		fprintf(out, "\n%s", cmd->help);
}

enum status cli_parse(const struct cli_command *cmd, int argc, char **argv,
		      struct cli_opt *opts, size_t nopts, const char **pos, size_t max_pos,
		      size_t *npos, int *help)
{
	bool options_done = false;

	*npos = 0;
	*help = 0;
	for (size_t k = 0; k < nopts; k++)
		opts[k].value = NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!options_done && strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		if (!options_done && arg[0] == '-' && arg[1] != '\0') {
			const char *eq = strchr(arg, '=');
			size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
			size_t k;
			if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
				*help = 1;
				return ST_OK;
			}
			for (k = 0; k < nopts; k++) {
				if ((strlen(opts[k].name) == nlen && !strncmp(arg, opts[k].name, nlen)) ||
				    (opts[k].alias && strlen(opts[k].alias) == nlen &&
				     !strncmp(arg, opts[k].alias, nlen)))
					break;
			}
			if (k == nopts) {
				const char *names[16];
				size_t n = 0;
				for (size_t j = 0; j < nopts && n < 15; j++)
					names[n++] = opts[j].name;
				names[n++] = "--help";
				return cli_unknown(cmd->name, "option", arg, nlen < 63 ? nlen : 63,
						   names, n);
			}
			if (opts[k].value) {
				cli_error("%s: %s given twice", cmd->name, opts[k].name);
				return ST_USAGE;
			}
			if (!opts[k].takes_value) {
				if (eq) {
					cli_error("%s: %s takes no value", cmd->name, opts[k].name);
					return ST_USAGE;
				}
				opts[k].value = "";
			} else if (eq) {
				opts[k].value = eq + 1;
			} else if (i + 1 < argc) {
				opts[k].value = argv[++i];
			} else {
				cli_error("%s: %s needs a value", cmd->name, opts[k].name);
				return ST_USAGE;
			}
			continue;
		}
		if (*npos >= max_pos) {
			cli_error("%s: unexpected argument '%s'; see '%s %s --help'", cmd->name, arg,
				  MU_PROGRAM, cmd->name);
			return ST_USAGE;
		}
		pos[(*npos)++] = arg;
	}
	return ST_OK;
}
