"""A server process builds the registry's in-memory values before it takes its first request.

Why: each per-registry value (`store/registry_cache.py`) is otherwise built by the first request that
needs it, and that user waits: a first ranking at 10,000 zones took 1.28 s against 0.31 s for the next.
With several workers behind nginx, a worker that happened not to rank during the warm-up was still cold
later (`benchmarks/load.py`, the health check after a cell; docs/deployment.md). uvicorn hands a worker
no connection until its lifespan's start-up is over, so the other workers serve meanwhile.

A database that cannot be read yet (unreachable, or not initialised) does not stop the start: the values
are then built by the first request that needs them, as before, and the log says why; so is a value
whose build fails for another reason (a fault in the code, logged with its traceback).
"""

import logging
import time

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sezatlas.store.registry_cache import build_every_value

logger = logging.getLogger(__name__)


def build_registry_values(sessions: sessionmaker[Session]) -> bool:
    """Build every per-registry value for the database `sessions` open; False (logged) if it could not be
    read."""
    started = time.perf_counter()
    try:
        with sessions() as session:
            count = build_every_value(session)
    except SQLAlchemyError as failed:
        logger.warning("The registry's in-memory indexes are built on first use instead: %s",
                       str(failed).splitlines()[0])  # fmt: skip
        return False
    except Exception:  # a fault in one build must not keep the server down: its requests will show it
        logger.exception("Building the registry's in-memory indexes failed; they are built on first use")
        return False
    logger.info("%d in-memory registry values ready in %.2f s", count, time.perf_counter() - started)
    return True
