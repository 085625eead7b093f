/*
 * cli.c - what every command shares: messages, content, output.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fd_gather.h"
#include "textutil.h"

/*
 * Write "@prefix@message\n" to @out, the whole line made safe for a terminal:
 * a message quotes file names, arguments and journal text, any of which can
 * hold an escape sequence.
 */
static int say(FILE *out, const char *prefix, const char *fmt, va_list ap)
{
	struct strbuf msg = STRBUF_INIT, line = STRBUF_INIT;
	int rc;

	strbuf_vaddf(&msg, fmt, ap);
	strbuf_adds(&line, prefix);
	text_add_terminal(&line, strbuf_str(&msg), msg.len);
	strbuf_addc(&line, '\n');
	if (strbuf_failed(&msg) || strbuf_failed(&line))
		rc = fprintf(out, "%sout of memory\n", prefix);
	else
		rc = fputs(strbuf_str(&line), out);
	strbuf_release(&msg);
	strbuf_release(&line);
	return rc < 0 ? -1 : 0;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	say(stderr, MU_PROGRAM ": ", fmt, ap);
	va_end(ap);
}

int cli_say(const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = say(stdout, "", fmt, ap);
	va_end(ap);
	return rc;
}

enum status cli_report(const struct diag_list *dl, const char *cmd, enum status st)
{
	return cli_report_tail(dl, cmd, "", st);
}

enum status cli_report_tail(const struct diag_list *dl, const char *cmd, const char *tail,
			    enum status st)
{
	struct strbuf lines = STRBUF_INIT;
	const char *at, *nl;

	diag_render(dl, cmd, &lines);
	for (at = strbuf_str(&lines); (nl = strchr(at, '\n')); at = nl + 1)
		cli_error("%.*s%s", (int)(nl - at), at, nl[1] ? "" : tail);
	if (strbuf_failed(&lines))
		cli_error("out of memory");
	strbuf_release(&lines);
	return diag_status(dl, st);
}

enum status cli_content(struct cli *cli, const struct content **out)
{
	struct diag_list dl;
	enum status st;

	if (cli->content) {
		*out = cli->content;
		return ST_OK;
	}
	diag_list_init(&dl);
	if (cli->content_dir)
		st = content_load_dir(cli->content_dir, &cli->content, &dl);
	else
		st = content_load_builtin(&cli->content, &dl);
	if (st != ST_OK) {
		cli_report(&dl, NULL, st);
		if (st == ST_NOMEM)
			cli_error("out of memory loading the content");
		else
			cli_error("the content in %s has problems; run '%s lint%s%s' for all of them",
				  cli->content_dir ? cli->content_dir : "this binary", MU_PROGRAM,
				  cli->content_dir ? " " : "",
				  cli->content_dir ? cli->content_dir : "");
	}
	diag_list_release(&dl);
	*out = cli->content;
	return st;
}

enum status cli_write_release(struct strbuf *sb)
{
	enum status st = cli_write(sb);

	strbuf_release(sb);
	return st;
}

void cli_stream_stdout(struct strbuf *out)
{
	static int fd = STDOUT_FILENO;

	(void)fflush(stdout); /* (a failure: cli_write() says it) */
	(void)fd_grow_pipe(fd);
	strbuf_sink(out, strbuf_sink_fd, &fd, STRBUF_SINK_BOUND);
}

enum status cli_write(const struct strbuf *sb)
{
	int e = strbuf_sink_errno(sb); /* a stream to stdout that failed on the way */

	if (strbuf_failed(sb) && !e) {
		cli_error("out of memory");
		return ST_NOMEM;
	}
	if (e || fwrite(sb->buf ? sb->buf : "", 1, sb->len, stdout) != sb->len ||
	    fflush(stdout) != 0) {
		cli_error("cannot write the output: %s", strerror(e ? e : errno));
		clearerr(stdout); /* said once: main() reports only errors not yet reported */
		return ST_IOERR;
	}
	return ST_OK;
}


enum status cli_inventory(const char *cmd, const char *path, const char *nothing,
			  struct inventory **inv)
{
	struct diag_list dl;
	enum status st;

	diag_list_init(&dl);
	st = session_inventory_load(path, inv, &dl);
	if (dl.code == REFUSAL_INVENTORY_MISSING) {
		/* nothing to have problems: say what is wrong, once */
		cli_error("%s: --inventory %s: no such file; %s", cmd, path, nothing);
	} else if (st != ST_OK) {
		cli_report(&dl, NULL, st);
		cli_error("%s: the inventory %s has problems; %s", cmd, path, nothing);
	}
	diag_list_release(&dl);
	return st;
}
