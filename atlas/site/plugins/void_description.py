"""/.well-known/void: the VoID description of the dataset, in Turtle, N-Triples or JSON-LD by Accept."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import Response

from atlas.iris import void_iri
from atlas.rdf_terms import RDF_FORMATS
from atlas.site.negotiation import preferred
from atlas.site.sparql_engine import TEXT, engine_for


async def void_description(request, datasette) -> Response:
    engine = engine_for(datasette)
    if engine is None:
        message = "No RDF dump (atlas.nt) is served beside the database."
        return Response(message, status=404, content_type=TEXT)
    media_type = preferred(request.headers.get("accept", ""), list(RDF_FORMATS)) or "text/turtle"
    answer = await engine.describe(void_iri(""), media_type)
    response = Response(answer.body, status=answer.status, content_type=answer.content_type)
    response.headers["Vary"] = "Accept"
    return response


@hookimpl
def register_routes():
    return [(r"^/\.well-known/void$", void_description)]
