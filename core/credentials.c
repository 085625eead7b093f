/*
 * credentials.c - the operator's Mesos credential, read from the file given
 * as --credentials (see credentials.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "credentials.h"
#include "diag.h"
#include "file_read.h"
#include "mesos_parse.h"

/* Whether the file at @path may hold a secret for us; says why not. */
static enum status trusted(const char *path, struct strbuf *why)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		if (errno == ENOENT) {
			strbuf_addf(why, "--credentials %s: no such file", path);
			return ST_USAGE;
		}
		strbuf_addf(why, "--credentials %s: %s", path, strerror(errno));
		return errno == EACCES ? ST_NOPERM : ST_IOERR;
	}
	if (!S_ISREG(sb.st_mode)) {
		strbuf_addf(why, "--credentials %s is not a regular file", path);
		return ST_USAGE;
	}
	/* like ssh with a private key: a secret others can read is not kept secret */
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		strbuf_addf(why, "--credentials %s may be read or changed by other users "
			    "(mode %03o): make it private with 'chmod 600 %s'", path,
			    (unsigned)(sb.st_mode & 0777), path);
		return ST_NOPERM;
	}
	if (sb.st_uid != geteuid() && sb.st_uid != 0) {
		strbuf_addf(why, "--credentials %s belongs to another user (uid %u): use a file of "
			    "your own", path, (unsigned)sb.st_uid);
		return ST_NOPERM;
	}
	return ST_OK;
}

/* credentials_read(), its failure's words in @why. */
static enum status read_file(const char *path, struct arena *a, struct mesos_credential *out,
			     struct strbuf *why)
{
	struct strbuf read_why = STRBUF_INIT;
	char *data = NULL;
	size_t len = 0;
	enum status st = trusted(path, why);

	if (st != ST_OK)
		return st;
	st = file_read(path, "the credentials file", CREDENTIALS_MAX_BYTES, &data, &len, &read_why);
	if (st != ST_OK) {
		strbuf_addf(why, "--credentials %s: %s", path, strbuf_str(&read_why));
	} else {
		st = mesos_parse_credentials(a, data, len, path, out, &read_why);
		if (st != ST_OK)
			strbuf_addf(why, "--credentials %s", strbuf_str(&read_why));
		if (st == ST_DATAERR)
			strbuf_adds(why, " (a Mesos credentials file: JSON {\"credentials\": "
				    "[{\"principal\": P, \"secret\": S}]} or 'principal secret' lines)");
	}
	if (data) {
		explicit_bzero(data, len);
		free(data);
	}
	strbuf_release(&read_why);
	return st;
}

enum status credentials_read(const char *path, struct arena *a, struct mesos_credential *out,
			     struct diag_list *dl)
{
	struct strbuf why = STRBUF_INIT;
	enum status st;

	memset(out, 0, sizeof(*out));
	st = read_file(path, a, out, &why);
	if (st != ST_OK)
		diag_fail_why(dl, st, &why); /* "out of memory" when that said nothing */
	strbuf_release(&why);
	return st;
}
