"""Registers the atlas facets (atlas/site/facets.py): topic, list and year-ordered year."""

from datasette import hookimpl

from atlas.site.facets import ListFacet, TopicFacet, YearFacet


@hookimpl
def register_facet_classes():
    return [TopicFacet, ListFacet, YearFacet]
