/*
 * credentials.h - the operator's Mesos credential, from a credentials file
 * (--credentials FILE). The journal keeps the file's path, never the secret:
 * it is read again each time the cluster is asked.
 */
#ifndef MU_CREDENTIALS_H
#define MU_CREDENTIALS_H

#include "arena.h"
#include "mesos_parse.h"
#include "status.h"
#include "strbuf.h"

/* A credentials file is small: a principal and a secret, or a few of them. */
#define CREDENTIALS_MAX_BYTES (64u << 10)

/*
 * The first credential of the file at @path, into @a. The file must be a
 * regular file of this user (or root), readable by nobody else, as ssh asks
 * of a private key: ST_NOPERM otherwise, saying 'chmod 600'. A missing file
 * is ST_USAGE; a file that is not a credentials file ST_DATAERR, naming the
 * line or field, never its text. The bytes read are wiped before they are
 * freed. The failure said in @dl (diag.h), naming --credentials and the path.
 */
struct diag_list;
enum status credentials_read(const char *path, struct arena *a, struct mesos_credential *out,
			     struct diag_list *dl);

#endif
