"""The site: Datasette plugins, pages, facets, SPARQL serving, templates and static files that only
read dist/; nothing here runs a build stage."""
