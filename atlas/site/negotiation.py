"""Content negotiation: which of the media types we offer an HTTP Accept header prefers."""

from __future__ import annotations


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The quality the most specific matching range gives `offer`, and how specific that range is."""
    kind = offer.split("/")[0]
    best = (0.0, -1)
    for media, quality in ranges:
        specificity = 2 if media == offer else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if specificity > best[1]:
            best = (quality, specificity)
    return best


def preferred(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client likes best (ties go to the earlier offer); the first offer when the
    header is missing; None when the client accepts none of them."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    scored = [(_quality(offer, ranges), -position, offer) for position, offer in enumerate(offers)]
    (quality, specificity), _, offer = max(scored)
    return offer if quality > 0 else None
