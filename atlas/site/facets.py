"""Facets of the papers table that Datasette's column and array facets make slow or unhelpful.

`topic` counts papers per topic with narrower topics included, from the indexed
paper_topic_closure table rather than JSON arrays (a filtered set's papers per topic set first,
paper_topic_sets, then per topic); `list` counts papers per source list from the
papers' `sources` arrays, grouped by the whole array first (a few dozen combinations, read from
an index) and only then split; `year` is a column facet in year order, newest first, rather than
by count; `counted` is Datasette's column facet with its counts cached. Choosing a topic or list
value adds `_topic=` or `_list=` to the address, which the atlas filter plugin turns into a where
clause, so facets, search and the other filters all combine. When the papers table is unfiltered,
or filtered by one year alone, the year, venue and list facets read the counts the build stored
in paper_facet_counts instead of counting a million papers. Otherwise (a search, a topic, any
other filter) those three are counted together: one pass over the filtered papers counts each
combination of year, venue and list array, and each facet sums that small result, where
Datasette would read every filtered paper once per facet.
"""

from __future__ import annotations

import json

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from atlas.published import FACET_COUNTS_TABLE, OUR_SCHEME, STORED_FACETS, TOGETHER_FACET_COLUMNS
from atlas.site.cache import cached

# The column of paper_topic_sets that the topic facet of a filtered papers table counts by.
TOPIC_SET = "topic_set_id"
# The most filtered papers whose facets are counted when asked, as many as a search ranks when asked
# (broad_search.RANKABLE_MATCHES). Counting reads every filtered paper (one pass for all facets,
# 110 ms for 37k papers at a million on a quiet machine, 2-3x that under load), so past this the
# pass outlasts the facet time limit (200 ms), and then each facet, counting alone, did too: 0.9 s
# of a broad search's 1.6 s at 1M. Such facets are listed as not counted (timed out) at once.
FACETED_PAPERS = 30_000
# Arguments of a table page that shape what is shown but never which rows are kept.
PRESENTATION_ARGS = {
    "_size", "_sort", "_sort_desc", "_next", "_trace", "_labels", "_nolabels", "_shape", "_json",
    "_nocount", "_nofacet", "_col", "_nocol", "_facet_size", "_timelimit", "_stream", "_dl", "_ttl",
    "_nl", "_context", "_extra",
}


def only_year_filter(request, table: str | None) -> int | None:
    """The year when the papers table is filtered by `?year=N` and nothing else, else None."""
    if table != "papers":
        return None
    for key in request.args.keys():
        if key != "year" and key not in PRESENTATION_ARGS and not key.startswith("_facet"):
            return None
    years = request.args.getlist("year")
    if len(years) != 1 or not years[0].isdigit():
        return None
    return int(years[0])


def unfiltered(facet: Facet) -> bool:
    return not facet.params and " where " not in facet.sql.lower()


def stored_counts_sql(facet: Facet, name: str, order: str, limit: int) -> tuple[str, dict] | None:
    """The query reading `name`'s stored counts (value, count) and its parameters, when the
    papers table is unfiltered or filtered by one year alone; else None."""
    if facet.table != "papers" or name not in STORED_FACETS:
        return None
    year = None if unfiltered(facet) else only_year_filter(facet.request, facet.table)
    if year is None and not unfiltered(facet):
        return None
    sql = (
        f"select value, sum(papers) as count from {FACET_COUNTS_TABLE} where facet = :atlas_facet "
        f"{'' if year is None else 'and year = :atlas_year '}group by value"
    )
    if order:
        sql += f" order by {order} limit {limit}"
    return sql, {"atlas_facet": name, "atlas_year": year, "atlas_ours": OUR_SCHEME}


def too_many_to_count(facet: Facet) -> bool:
    """Whether the filtered papers are more than `FACETED_PAPERS` (Datasette's count of them) and
    no stored counts serve the facets (the table unfiltered, or filtered by one year alone)."""
    return (
        facet.table == "papers" and facet.row_count is not None and facet.row_count > FACETED_PAPERS
        and not unfiltered(facet) and only_year_filter(facet.request, facet.table) is None
    )


def _facet_names(facet: Facet) -> list[str]:
    return [config["config"].get("column") or config["config"]["simple"] for config in facet.get_configs()]


async def _facet_rows(
    facet: Facet, sql: str, params, *, none_if_interrupted: bool = False
) -> list[dict] | None:
    """Facet counts, cached for an immutable database (the unfiltered papers page counts once).

    A query that outlasts the facet time limit raises QueryInterrupted, or gives None (cached
    too, so the facets sharing it wait for it once) when `none_if_interrupted`."""
    named = dict(params or {})

    async def count() -> list[dict] | None:
        try:
            results = await facet.ds.execute(
                facet.database, sql, named, truncate=False,
                custom_time_limit=facet.ds.setting("facet_time_limit_ms"),
            )
        except QueryInterrupted:
            if none_if_interrupted:
                return None
            raise
        return [dict(row) for row in results.rows]

    return await cached(facet.ds.get_database(facet.database), (sql, tuple(sorted(named.items()))), count)


async def counted_together_sql(facet: Facet, column: str) -> tuple[str, dict] | None:
    """A subquery of (value, count) rows counting the filtered papers per value of `column`,
    one of the papers table's facet columns or TOPIC_SET (paper_topic_sets), and its
    parameters; None for another table or column, or when the pass outlasts the facet time
    limit (each facet then counts on its own).

    One query reads the filtered papers once for all the facets (a materialized set) and
    counts them per combination of year, venue and list array, and per topic set; its result,
    a few hundred rows, is cached, so the other facets read it."""
    if facet.table != "papers" or column not in (*TOGETHER_FACET_COLUMNS, TOPIC_SET):
        return None
    columns = ", ".join(escape_sqlite(name) for name in TOGETHER_FACET_COLUMNS)
    nulls = ", ".join("null" for _ in TOGETHER_FACET_COLUMNS)
    rows = await _facet_rows(facet, f"""
        with filtered as materialized (select {columns}, id from ({facet.sql}))
        select 'combination' as atlas_kind, {columns}, null as {TOPIC_SET}, count(*) as atlas_papers
        from filtered group by {columns}
        union all
        select 'topic set', {nulls}, paper_topic_sets.topic_set_id, count(*)
        from filtered join paper_topic_sets on paper_topic_sets.paper_id = filtered.id
        group by paper_topic_sets.topic_set_id
    """, facet.params, none_if_interrupted=True)
    if rows is None:
        return None
    kind = "topic set" if column == TOPIC_SET else "combination"
    counts: dict = {}
    for row in rows:
        if row["atlas_kind"] == kind:
            counts[row[column]] = counts.get(row[column], 0) + row["atlas_papers"]
    try:
        pairs = json.dumps(sorted(counts.items(), key=repr))
    except TypeError:  # a BLOB value: JSON cannot carry it
        return None
    return (
        "(select json_extract(value, '$[0]') as value, json_extract(value, '$[1]') as count "
        "from json_each(:atlas_pairs))",
        {"atlas_pairs": pairs, "atlas_ours": OUR_SCHEME},
    )


def _facet_result(
    facet: Facet, source_and_config: dict, column: str, rows: list[dict], size: int, *,
    argument: str, chosen: set[str], name: str, title: str, labels: dict | None = None,
) -> dict:
    """One facet as Datasette's template shows it: each value toggles `argument` in the address.

    A value's label is `labels[value]` where labels are given, else the row's own `label`."""
    values = []
    for row in rows[:size]:
        selected = str(row["value"]) in chosen
        path = (
            path_with_removed_args(facet.request, {argument: str(row["value"])})
            if selected
            else path_with_added_args(facet.request, {argument: row["value"]})
        )
        values.append({
            "value": row["value"], "count": row["count"], "selected": selected,
            "label": row["label"] if labels is None else labels.get(row["value"], row["value"]),
            "toggle_url": facet.ds.absolute_url(facet.request, facet.ds.urls.path(path)),
        })
    return {
        "name": name, "title": title, "type": facet.type, "results": values,
        "hideable": source_and_config["source"] != "metadata", "truncated": len(rows) > size,
        "toggle_url": facet.ds.urls.path(
            path_with_removed_args(facet.request, {f"_facet_{facet.type}": column})
        ),
    }


class _LinkedFacet(Facet):
    """Counts the filtered papers through a table linked to them by paper id."""

    parameter = ""
    title = ""

    def _counts_sql(self, column: str, limit: int) -> str:
        raise NotImplementedError

    def _labelled_sql(self, counts: str, limit: int) -> str:
        """Labelled counts from a query of stored (value, count) rows, where the build stores them."""
        raise NotImplementedError

    def _unfiltered_sql(self, limit: int) -> str | None:
        """A cheaper query giving the same counts when no filter narrows the table."""
        return None

    def _together_sql(self, pairs: str, limit: int) -> str | None:
        """The counts from `pairs`, (value, count) rows of `_together_column`'s values counted
        together with the other facets' (counted_together_sql), when this facet can count so."""
        return None

    def _together_column(self, column: str) -> str:
        return column

    def _one_year_sql(self, limit: int) -> str | None:
        """A cheaper query giving the same counts when only `?year=:atlas_year` narrows the table."""
        return None

    async def facet_results(self):
        if too_many_to_count(self):
            return [], [self.type for _ in _facet_names(self)]
        results, timed_out = [], []
        size = self.get_facet_size()
        chosen = set(self.request.args.getlist(self.parameter))
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            params = {**(self.params or {}), "atlas_ours": OUR_SCHEME}
            year = None if unfiltered(self) else only_year_filter(self.request, self.table)
            sql = (unfiltered(self) and self._unfiltered_sql(size + 1)) or (
                year is not None and self._one_year_sql(size + 1)
            )
            if year is not None and sql:
                params = {"atlas_year": year, "atlas_ours": OUR_SCHEME}
            stored = not sql and stored_counts_sql(self, self.type, "", size + 1)
            if stored:
                sql, params = self._labelled_sql(f"({stored[0]})", size + 1), stored[1]
            if not sql:
                together = await counted_together_sql(self, self._together_column(column))
                if together and self._together_sql(together[0], size + 1):
                    sql, params = self._together_sql(together[0], size + 1), together[1]
            sql = sql or self._counts_sql(column, size + 1)
            try:
                rows = await _facet_rows(self, sql, params)
            except QueryInterrupted:
                timed_out.append(self.type)
                continue
            results.append(_facet_result(
                self, source_and_config, column, rows, size, argument=self.parameter, chosen=chosen,
                name=self.type, title=self.title,
            ))
        return results, timed_out


class TopicFacet(_LinkedFacet):
    type = "topic"
    parameter = "_topic"
    title = "topic (narrower included)"

    def _counts_sql(self, column: str, limit: int) -> str:
        return self._together_sql(f"""(
                select paper_topic_sets.topic_set_id as value, count(*) as count
                from ({self.sql}) as filtered join paper_topic_sets
                on paper_topic_sets.paper_id = filtered.{escape_sqlite(column)}
                group by paper_topic_sets.topic_set_id
            )""", limit)

    def _together_column(self, column: str) -> str:
        return TOPIC_SET if column == "id" else column

    def _together_sql(self, pairs: str, limit: int) -> str:
        """Papers per topic from papers per topic set (`pairs`): each set's count to each of its topics."""
        return _our_topics_counted(f"""
                select members.topic_id, sum(sets.count) as papers
                from {pairs} as sets join topic_set_topics as members on members.topic_set_id = sets.value
                group by members.topic_id""", limit)

    def _unfiltered_sql(self, limit: int) -> str:
        return (
            "select id as value, label, papers as count from topics "
            f"where scheme_id = :atlas_ours and papers > 0 order by count desc, label limit {limit}"
        )

    def _one_year_sql(self, limit: int) -> str:
        # The closure carries each paper's year and is indexed by (topic, year): one short index
        # range per topic instead of a join row for each topic of each paper of that year.
        return _our_topics_counted("""
                select topic_id, count(*) as papers from paper_topic_closure
                where year = :atlas_year group by topic_id""", limit)


def _our_topics_counted(counts: str, limit: int) -> str:
    """A facet's rows from (topic_id, papers) `counts`: our topics only, labelled, most papers first."""
    return f"""
        select counted.topic_id as value, topics.label as label, counted.papers as count from (
            {counts}
        ) as counted join topics on topics.id = counted.topic_id
        where topics.scheme_id = :atlas_ours
        order by count desc, label limit {limit}
    """


class ListFacet(_LinkedFacet):
    type = "list"
    parameter = "_list"
    title = "list"

    def _counts_sql(self, column: str, limit: int) -> str:
        return self._labelled_sql(f"""(
                select listed.value as value, sum(combinations.papers) as count from (
                    select {escape_sqlite(column)} as lists, count(*) as papers from ({self.sql})
                    group by {escape_sqlite(column)}
                ) as combinations, json_each(combinations.lists) as listed
                group by listed.value
            )""", limit)

    def _together_sql(self, pairs: str, limit: int) -> str:
        return self._labelled_sql(f"""(
                select listed.value as value, sum(combinations.count) as count
                from {pairs} as combinations, json_each(combinations.value) as listed
                group by listed.value
            )""", limit)

    def _labelled_sql(self, counts: str, limit: int) -> str:
        """Counts of (value, count) per list id, labelled with the list's title."""
        return f"""
            select counted.value as value, sources.title as label, counted.count as count
            from {counts} as counted join sources on sources.id = counted.value
            order by count desc, label limit {limit}
        """


class CountedFacet(Facet):
    """Datasette's column facet, its counts cached (see _facet_rows), foreign keys labelled."""

    type = "counted"
    order = "count desc, value"

    async def facet_results(self):
        if too_many_to_count(self):
            return [], _facet_names(self)
        results, timed_out = [], []
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            column = source_and_config["config"].get("column") or source_and_config["config"]["simple"]
            chosen = self.request.args.getlist(column)
            stored = stored_counts_sql(self, column, self.order, size + 1)
            together = not stored and await counted_together_sql(self, column)
            if stored:
                sql, params = stored
            elif together:
                sql, params = (
                    f"select value, sum(count) as count from {together[0]} where value is not null "
                    f"group by value order by {self.order} limit {size + 1}", together[1],
                )
            else:
                sql, params = (
                    f"select {escape_sqlite(column)} as value, count(*) as count from ({self.sql}) "
                    f"where value is not null group by value order by {self.order} limit {size + 1}",
                    self.params,
                )
            try:
                rows = await _facet_rows(self, sql, params)
            except QueryInterrupted:
                timed_out.append(column)
                continue
            labels = await self.ds.expand_foreign_keys(
                self.database, self.table, column, [row["value"] for row in rows[:size]]
            ) if self.table else {}
            results.append(_facet_result(
                self, source_and_config, column, rows, size, argument=column, chosen=set(chosen),
                name=column, title=column, labels={value: label for (_, value), label in labels.items()},
            ))
        return results, timed_out


class YearFacet(CountedFacet):
    """Years newest first, every one of them, rather than by count."""

    type = "year"
    order = "value desc"

    def get_facet_size(self) -> int:
        return self.ds.setting("max_returned_rows")
