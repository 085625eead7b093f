/*
 * status_hosts.h - "status --hosts" in text without reading the whole
 * session at once (core/status_hosts_text.c): a hop at a time, from the
 * view that has that hop's agents; the same bytes as status_view() of the
 * whole session with every host. The whole session is read as before when
 * a probe's versions are to be compared, or a host was done under other
 * content.
 */
#ifndef MU_STATUS_HOSTS_H
#define MU_STATUS_HOSTS_H

#include "content.h"
#include "journal.h"
#include "session_live.h"
#include "strbuf.h"

/*
 * The text of session @id with every host's item into @out (which may
 * stream: each hop is drained). Journal errors as journal.h says, said in
 * @dl; @out may then hold a part.
 */
enum status status_hosts_text(struct strbuf *out, struct journal *j, const struct content *c,
			      int64_t id, const struct session_live *live, struct diag_list *dl);

#endif
