#include "status.h"

const char *status_name(enum status st)
{
	if (st > ST_SIGNAL)
		return "stopped by a signal";
	switch (st) {
	case ST_OK: return "success";
	case ST_REFUSED: return "refused by a rule of the checklist";
	case ST_USAGE: return "usage error";
	case ST_DATAERR: return "bad content or input data";
	case ST_IOERR: return "journal I/O error";
	case ST_BUSY: return "journal busy";
	case ST_NOMEM: return "out of memory";
	case ST_NOPERM: return "not safe to use";
	case ST_SIGNAL: return "stopped by a signal";
	}
	return "unknown status";
}
