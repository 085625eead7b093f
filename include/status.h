/*
 * status.h - the one status type every fallible function returns.
 *
 * A status is also the process exit code: main() returns it unchanged, so
 * the numbers are the exit codes of DESIGN.md ("The command line") and of
 * sysexits.h where one fits. Functions return a status and leave the
 * message to the caller.
 */
#ifndef MU_STATUS_H
#define MU_STATUS_H

enum status {
	ST_OK = 0,       /* success */
	ST_REFUSED = 1,  /* refused by a rule of the checklist */
	ST_USAGE = 2,    /* bad command line */
	ST_DATAERR = 65, /* bad content or input data; an answer not shaped like Mesos' */
	ST_UNAVAILABLE = 69, /* no Mesos master answered (EX_UNAVAILABLE) */
	ST_IOERR = 74,   /* journal or file I/O error */
	ST_BUSY = 75,    /* journal locked by another process for too long */
	ST_NOMEM = 71,   /* out of memory (EX_OSERR) */
	ST_NOPERM = 77,  /* a file or directory not safe to trust: owner, mode, link;
	                    a master that refused our credentials (401, 403) */
	/*
	 * The wizard stopped by a signal, after restoring the terminal with
	 * everything on disk: ST_SIGNAL + the signal's number, as a shell
	 * reports it (129 SIGHUP, 130 SIGINT, 143 SIGTERM).
	 */
	ST_SIGNAL = 128
};

#endif
