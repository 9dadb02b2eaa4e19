"""Registers the atlas facets (atlas/site/facets.py): topic, list, year-ordered year, cached column counts."""

from datasette import hookimpl

from atlas.site.facets import CountedFacet, ListFacet, TopicFacet, YearFacet


@hookimpl
def register_facet_classes():
    return [TopicFacet, ListFacet, YearFacet, CountedFacet]
