/*
 * fs_trust.c - may this user trust a journal path (see fs_trust.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_trust.h"

void fs_dir_of(const char *path, struct strbuf *out)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		strbuf_adds(out, ".");
	else if (slash == path)
		strbuf_adds(out, "/");
	else
		strbuf_add(out, path, (size_t)(slash - path));
}

/* "alice", or "uid 1234" when the user has no name here. */
static void add_user(struct strbuf *sb, uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw && pw->pw_name && *pw->pw_name)
		strbuf_adds(sb, pw->pw_name);
	else
		strbuf_addf(sb, "uid %lu", (unsigned long)uid);
}

void fs_add_not_yours(struct strbuf *sb, uid_t owner)
{
	strbuf_adds(sb, "belongs to user ");
	add_user(sb, owner);
	strbuf_adds(sb, ", not to you (");
	add_user(sb, geteuid());
	strbuf_adds(sb, ")");
}

/*
 * Whether group @gid is @owner's own: the owner's primary group with no
 * other member (the "user private group" of many distributions, where a
 * home directory is 0775). Its write bit then trusts nobody else.
 */
static bool group_private(gid_t gid, uid_t owner)
{
	struct passwd *pw = getpwuid(owner);
	struct group *gr;
	char *name;

	if (!pw || pw->pw_gid != gid || !pw->pw_name || !(name = strdup(pw->pw_name)))
		return false;
	gr = getgrgid(gid);
	bool alone = gr != NULL;
	for (char **m = gr ? gr->gr_mem : NULL; alone && m && *m; m++)
		alone = !strcmp(*m, name);
	free(name);
	return alone;
}

/* Writable by someone else than its owner: every user, or a group shared with others. */
static const char *others_write(const struct stat *sb)
{
	if (sb->st_mode & S_IWOTH)
		return "every user";
	if ((sb->st_mode & S_IWGRP) && !group_private(sb->st_gid, sb->st_uid))
		return "its group";
	return NULL;
}

/* The owner may not write it: "do not touch", for root too. */
static bool no_write_bits(const struct stat *sb)
{
	return !(sb->st_mode & S_IWUSR);
}

static enum status check_dir(const char *dir, bool want_write, bool *dir_writable,
			     struct strbuf *err)
{
	const char *who;
	struct stat sb;

	*dir_writable = false;
	if (stat(dir, &sb) != 0)
		return ST_OK; /* missing: made later (the default) or refused when opened */
	if (!S_ISDIR(sb.st_mode))
		return ST_OK; /* the open fails with ENOTDIR and says so */
	if ((who = others_write(&sb)) && !(sb.st_mode & S_ISVTX)) {
		strbuf_addf(err, "the journal's directory %s is writable by %s (mode %04o), so "
			    "others could replace the journal in it; make it private ('chmod "
			    "go-w %s') or give --journal FILE in a directory of your own", dir, who,
			    (unsigned)(sb.st_mode & 07777), dir);
		return ST_NOPERM;
	}
	if (want_write && sb.st_uid != geteuid() && sb.st_uid != 0) {
		strbuf_addf(err, "the journal's directory %s ", dir);
		fs_add_not_yours(err, sb.st_uid);
		strbuf_adds(err, ", so its owner could swap the journal under you; give "
			    "--journal FILE in a directory of your own");
		return ST_NOPERM;
	}
	*dir_writable = !no_write_bits(&sb) && faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0;
	return ST_OK;
}

static enum status check_file(const char *path, const struct stat *sb, bool want_write,
			      struct strbuf *err)
{
	const char *who;

	if (S_ISLNK(sb->st_mode)) {
		char target[512];
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		strbuf_addf(err, "journal %s is a symbolic link (to %s); a link planted there could "
			    "send the history elsewhere, so it is not followed: give the file "
			    "itself with --journal", path, n > 0 ? target : "?");
		return ST_NOPERM;
	}
	if (!S_ISREG(sb->st_mode)) {
		strbuf_addf(err, "journal %s is not a regular file", path);
		return ST_DATAERR;
	}
	if ((who = others_write(sb))) {
		strbuf_addf(err, "journal %s is writable by %s (mode %04o), so others could have "
			    "changed its history; check it, then make it private with 'chmod 600 %s'",
			    path, who, (unsigned)(sb->st_mode & 07777), path);
		return ST_NOPERM;
	}
	if (sb->st_uid == geteuid())
		return ST_OK;
	if (sb->st_size == 0) {
		strbuf_addf(err, "journal %s is an empty file that belongs to user ", path);
		add_user(err, sb->st_uid);
		strbuf_adds(err, ", not to you: mesos-upgrade did not make it for you; remove it "
			    "or give --journal FILE of your own");
		return ST_NOPERM;
	}
	if (want_write) {
		strbuf_addf(err, "journal %s ", path);
		fs_add_not_yours(err, sb->st_uid);
		strbuf_adds(err, ": only its owner records in it (status and report can still "
			    "read it); run as its owner, or give --journal FILE of your own");
		return ST_NOPERM;
	}
	return ST_OK;
}

enum status fs_trust_journal(const char *path, bool want_write, struct fs_trust *out,
			     struct strbuf *err)
{
	struct strbuf dir = STRBUF_INIT;
	struct stat sb;
	bool dir_writable = false;
	enum status st;

	*out = (struct fs_trust){ 0 };
	if (!*path) {
		strbuf_adds(err, "the journal's path is empty: give --journal FILE, or unset "
			    "MESOS_UPGRADE_JOURNAL to use the default");
		return ST_USAGE;
	}
	fs_dir_of(path, &dir);
	if (strbuf_failed(&dir)) {
		st = ST_NOMEM;
		goto out;
	}
	st = check_dir(strbuf_str(&dir), want_write, &dir_writable, err);
	if (st != ST_OK)
		goto out;
	if (lstat(path, &sb) != 0) {
		if (errno != ENOENT) {
			strbuf_addf(err, "cannot open journal %s: %s", path, strerror(errno));
			st = ST_IOERR;
		}
		goto out;
	}
	st = check_file(path, &sb, want_write, err);
	if (st != ST_OK)
		goto out;
	out->exists = true;
	out->ours = sb.st_uid == geteuid();
	out->empty = sb.st_size == 0;
	out->writable = out->ours && dir_writable && !no_write_bits(&sb) &&
			faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS) == 0;
out:
	strbuf_release(&dir);
	return st;
}
