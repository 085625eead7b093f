/*
 * options.c - a command's arguments as its descriptor declares them, its
 * --help, its --format, and the closest name to a mistyped one.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "textutil.h"

/* The name among @names closest to @word, or NULL when none is close. */
static const char *suggest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bestd = 3; /* at most two edits away */

	for (size_t i = 0; i < n; i++) {
		size_t d = text_distance(word, names[i]);
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

/* "COMMAND --help": its usage, summary, options, and the rest of its help. */
static void print_help(const struct cli_command *cmd)
{
	printf("usage: %s [GLOBAL OPTIONS] %s%s%s\n\n%s\n", MU_PROGRAM, cmd->name,
	       *cmd->args ? " " : "", cmd->args, cmd->summary);
	if (cmd->noptions)
		printf("\nOptions:\n");
	for (size_t k = 0; k < cmd->noptions; k++) {
		const struct cli_option *o = &cmd->options[k];
		char left[64];
		snprintf(left, sizeof(left), "%s%s%s%s%s", o->alias ? o->alias : "",
			 o->alias ? ", " : "", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		/* a name too long for the column gets its help on the next line, as git does */
		if (strlen(left) > 17)
			printf("  %s\n%20s", left, "");
		else
			printf("  %-17s ", left);
		for (const char *h = o->help ? o->help : ""; *h; h++) {
			putchar(*h);
			if (*h == '\n')
				printf("%20s", ""); /* a line more, under the first */
		}
		putchar('\n');
	}
	if (cmd->help)
		printf("\n%s", cmd->help);
}

/* The option of @cmd that the first @nlen bytes of @arg name, or -1. */
static int find_option(const struct cli_command *cmd, const char *arg, size_t nlen)
{
	for (size_t k = 0; k < cmd->noptions; k++) {
		const struct cli_option *o = &cmd->options[k];
		if ((strlen(o->name) == nlen && !strncmp(arg, o->name, nlen)) ||
		    (o->alias && strlen(o->alias) == nlen && !strncmp(arg, o->alias, nlen)))
			return (int)k;
	}
	return -1;
}

static enum status unknown_option(const struct cli_command *cmd, const char *arg, size_t nlen)
{
	const char *names[CLI_MAX_OPTIONS + 1];
	size_t n = 0;

	for (size_t k = 0; k < cmd->noptions; k++)
		names[n++] = cmd->options[k].name;
	names[n++] = "--help";
	return cli_unknown(cmd->name, "option", arg, nlen < 63 ? nlen : 63, names, n);
}

/*
 * The option argv[*i] into @a: "--name", "--name=VALUE", or "--name VALUE",
 * which moves *@i on to the value.
 */
static enum status option(struct cli_args *a, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *eq = strchr(arg, '='), *value;
	size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
	int k = find_option(a->cmd, arg, nlen);
	const struct cli_option *o = k >= 0 ? &a->cmd->options[k] : NULL;
	struct cli_values *v = k >= 0 ? &a->opt[k] : NULL;
	const char **grown;

	if (!o)
		return unknown_option(a->cmd, arg, nlen);
	if (v->n && !(o->flags & CLI_REPEAT)) {
		cli_error("%s: %s given twice", a->cmd->name, o->name);
		return ST_USAGE;
	}
	if (!(o->flags & CLI_VALUE)) {
		if (eq) {
			cli_error("%s: %s takes no value", a->cmd->name, o->name);
			return ST_USAGE;
		}
		value = "";
	} else if (eq) {
		value = eq + 1;
	} else if (*i + 1 < argc) {
		value = argv[++*i];
	} else {
		cli_error("%s: %s needs a value", a->cmd->name, o->name);
		return ST_USAGE;
	}
	grown = realloc(v->v, (v->n + 1) * sizeof(*v->v));
	if (!grown) {
		cli_error("out of memory");
		return ST_NOMEM;
	}
	v->v = grown;
	v->v[v->n++] = value;
	return ST_OK;
}

/* argv[1..] into @a as @a->cmd declares them; *@help when --help was asked for. */
static enum status parse(struct cli_args *a, int argc, char **argv, bool *help)
{
	const struct cli_command *cmd = a->cmd;
	bool options_done = false;
	enum status st = ST_OK;

	for (int i = 1; i < argc && st == ST_OK; i++) {
		const char *arg = argv[i];
		if (options_done || arg[0] != '-' || arg[1] == '\0') {
			if (a->npos >= cmd->max_pos) {
				cli_error("%s: unexpected argument '%s'; see '%s %s --help'",
					  cmd->name, arg, MU_PROGRAM, cmd->name);
				return ST_USAGE;
			}
			a->pos[a->npos++] = arg;
		} else if (strcmp(arg, "--") == 0) {
			options_done = true;
		} else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			*help = true;
			return ST_OK;
		} else {
			st = option(a, argc, argv, &i);
		}
	}
	if (st == ST_OK && a->npos < cmd->min_pos) {
		cli_error("%s: %s", cmd->name, cmd->needs);
		st = ST_USAGE;
	}
	return st;
}

enum status cli_run(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args a = { .cmd = cmd };
	bool help = false;
	enum status st;

	if (cmd->noptions > CLI_MAX_OPTIONS || cmd->max_pos > CLI_MAX_POSITIONALS) {
		cli_error("%s: declares more than cli.h has room for", cmd->name);
		return ST_USAGE;
	}
	st = parse(&a, argc, argv, &help);
	if (st == ST_OK && help)
		print_help(cmd);
	else if (st == ST_OK)
		st = cmd->run(cli, &a);
	for (size_t k = 0; k < CLI_MAX_OPTIONS; k++)
		free(a.opt[k].v);
	return st;
}

const char *cli_value(const struct cli_args *a, size_t opt)
{
	return a->opt[opt].n ? a->opt[opt].v[a->opt[opt].n - 1] : NULL;
}

/* Whether @name is one of @formats, "md|html|json|text". */
static bool listed(const char *formats, const char *name)
{
	size_t len = strlen(name);

	for (const char *f = formats; f; f = strchr(f, '|')) {
		f += *f == '|';
		if (strncmp(f, name, len) == 0 && (f[len] == '|' || f[len] == '\0'))
			return true;
	}
	return false;
}

enum status cli_format(const struct cli_args *a, size_t opt, const char *formats,
		       enum render_format *fmt)
{
	const char *value = cli_value(a, opt), *last = strrchr(formats, '|');
	struct strbuf expected = STRBUF_INIT; /* "md, html, json or text" */
	char first[16];

	snprintf(first, sizeof(first), "%.*s", (int)strcspn(formats, "|"), formats);
	render_format_parse(first, fmt); /* the default */
	if (!value || (render_format_parse(value, fmt) && listed(formats, render_format_name(*fmt))))
		return ST_OK;
	for (const char *f = formats; *f; f++) {
		if (*f != '|')
			strbuf_addc(&expected, *f);
		else
			strbuf_adds(&expected, f == last ? " or " : ", ");
	}
	if (a->cmd == &cmd_plan_command) /* as it has always said it */
		cli_error("plan: unknown format '%s': expected %s", value, strbuf_str(&expected));
	else
		cli_error("%s: unknown format '%s' (expected %s)", a->cmd->name, value,
			  strbuf_str(&expected));
	strbuf_release(&expected);
	return ST_USAGE;
}
