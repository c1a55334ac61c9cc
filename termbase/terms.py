"""Terms and their renderings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from termbase.models import Rendering, RenderingStatus, Term, TermStatus


def approved_renderings(session: Session) -> list[tuple[str, str]]:
    """(Chinese term, English rendering) for every preferred or admitted rendering of an
    approved term: what editors have decided, which the aligner may rely on."""
    return [
        tuple(row)
        for row in session.execute(
            select(Term.simplified, Rendering.text)
            .join(Rendering, Rendering.term_id == Term.id)
            .where(Term.status == TermStatus.APPROVED.value)
            .where(
                Rendering.status.in_(
                    [RenderingStatus.PREFERRED.value, RenderingStatus.ADMITTED.value]
                )
            )
        )
    ]
