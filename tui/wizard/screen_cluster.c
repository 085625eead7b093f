/*
 * screen_cluster.c - w: the latest probe of the session's cluster, whole:
 * when and by whom, its warnings (each in full: the hop's warning line
 * only counts them), the masters and how many agents run each version.
 */
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "session_live.h"
#include "term.h"
#include "textutil.h"
#include "timefmt.h"
#include "wizard.h"

static void never(const struct wizard *w, int width, struct lines *L)
{
	lines_wrap(L, A_BOLD, "", "This session's cluster was never probed.", 0, width);
	lines_blank(L);
	if (w->masters)
		lines_wrap(L, A_NORMAL, "", "P on the checklist (p on a step's hosts) probes it now, "
			   "in the background; V probes, then marks done the hosts that run the "
			   "hop's new version.", 0, width);
	else
		lines_wrap(L, A_NORMAL, "", "This session has no masters: start it with --master "
			   "URL (mesos-upgrade start, on the command line) to probe its cluster.", 0,
			   width);
}

/* A line in columns when it fits, else wrapped (lines_wrap() would fold the padding). */
static void line(struct lines *L, unsigned attr, const char *s, int width)
{
	if (draw_width(s) <= width)
		lines_add(L, attr, s, strlen(s));
	else
		lines_wrap(L, attr, "", s, 4, width);
}

static void masters(const struct journal_probe *p, int width, struct lines *L)
{
	struct strbuf sb = STRBUF_INIT;
	int name_w = 0;

	lines_add(L, term_attr_of(TA_HEADING), "Masters", 7);
	for (size_t i = 0; i < p->nhosts; i++)
		if (!strcmp(p->hosts[i].role, "master") && draw_width(p->hosts[i].host) > name_w)
			name_w = draw_width(p->hosts[i].host);
	for (size_t i = 0; i < p->nhosts; i++) {
		const struct journal_probe_host *h = &p->hosts[i];
		if (strcmp(h->role, "master"))
			continue;
		strbuf_reset(&sb);
		strbuf_adds(&sb, "  ");
		text_add_plain(&sb, h->host, 0);
		strbuf_addn(&sb, ' ', (size_t)(name_w - draw_width(h->host) + 2));
		if (!h->reachable) {
			strbuf_adds(&sb, "did not answer");
			if (h->error) {
				strbuf_adds(&sb, ": ");
				text_add_plain(&sb, h->error, 0);
			}
		} else {
			text_add_plain(&sb, h->version ? h->version : "version unknown", 0);
			strbuf_adds(&sb, h->leader ? "  leader" : "");
		}
		line(L, h->reachable ? A_NORMAL : term_attr_of(TA_WARNING), strbuf_str(&sb), width);
	}
	strbuf_release(&sb);
}

/* How many agents run each version, in the order the versions are first seen. */
static void agents(const struct journal_probe *p, int width, struct lines *L)
{
	const char **seen = calloc(p->nhosts + 1, sizeof(*seen));
	struct strbuf sb = STRBUF_INIT;
	size_t nseen = 0;

	lines_add(L, term_attr_of(TA_HEADING), "Agents", 6);
	if (!p->agents)
		lines_add(L, term_attr_of(TA_DIM), "  none", 6);
	for (size_t i = 0; seen && i < p->nhosts; i++) {
		const char *v = p->hosts[i].version ? p->hosts[i].version : "";
		size_t n = 0, k;
		if (!strcmp(p->hosts[i].role, "master"))
			continue;
		for (k = 0; k < nseen && strcmp(seen[k], v); k++)
			;
		if (k < nseen)
			continue;
		seen[nseen++] = v;
		for (size_t j = i; j < p->nhosts; j++)
			n += strcmp(p->hosts[j].role, "master") &&
			     !strcmp(p->hosts[j].version ? p->hosts[j].version : "", v);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu agent%s on ", n, n == 1 ? "" : "s");
		text_add_plain(&sb, *v ? v : "a version not known", 0);
		lines_wrap(L, A_NORMAL, "  ", strbuf_str(&sb), 4, width);
	}
	free(seen);
	strbuf_release(&sb);
}

static void build(const struct pager *pg, const struct wizard *w, int width, struct lines *L)
{
	const struct journal_probe *p;
	struct strbuf sb = STRBUF_INIT, safe = STRBUF_INIT;
	char t[TIMEFMT_LEN];

	(void)pg;
	if (!wizard_live_probed(w)) {
		never(w, width, L);
		return;
	}
	p = &w->live->probe;
	time_local(p->time, t, sizeof(t));
	strbuf_addf(&sb, "Probed at %s by ", t);
	text_add_plain(&sb, p->operator_name, 0);
	strbuf_addc(&sb, '@');
	text_add_plain(&sb, p->host, 0);
	lines_wrap(L, A_BOLD, "", strbuf_str(&sb), 0, width);
	strbuf_reset(&sb);
	session_probe_summary(p, &sb);
	if (sb.len && sb.buf[0] >= 'a' && sb.buf[0] <= 'z')
		sb.buf[0] = (char)(sb.buf[0] - 'a' + 'A'); /* "Leader m1; ..." */
	text_add_plain(&safe, strbuf_str(&sb), 0);
	lines_wrap(L, A_NORMAL, "", strbuf_str(&safe), 0, width);
	lines_blank(L);
	lines_add(L, term_attr_of(TA_HEADING), "Warnings", 8);
	if (!p->nwarnings)
		lines_add(L, term_attr_of(TA_DIM), "  none", 6);
	for (size_t i = 0; i < p->nwarnings; i++) {
		strbuf_reset(&sb);
		strbuf_reset(&safe);
		text_add_plain(&safe, p->warnings[i].text, 0);
		wizard_local_times(&sb, strbuf_str(&safe));
		lines_wrap(L, term_attr_of(TA_WARNING), "  ! ", strbuf_str(&sb), 4, width);
	}
	lines_blank(L);
	masters(p, width, L);
	lines_blank(L);
	agents(p, width, L);
	strbuf_release(&sb);
	strbuf_release(&safe);
}

static void title(const struct pager *p, const struct wizard *w, struct strbuf *out)
{
	(void)p;
	strbuf_addf(out, " Session %lld: the latest probe of its cluster", (long long)w->s->info.id);
}

static const struct pager_kind cluster_kind = {
	.ops = { .keys = &keymap_cluster, .draw = pager_draw, .key = pager_key },
	.title_of = title, .build = build, .hints = " Up/Down scroll  Esc: back  ? help ",
};

struct screen *cluster_screen_new(void)
{
	return (struct screen *)pager_new(sizeof(struct pager), &cluster_kind);
}
