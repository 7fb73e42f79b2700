"""The translate job: corpus articles in, filled catalogs out (``toolkit translate``).

- :mod:`~toolkit.jobs.lock`: one job per project at a time (``build/.translate.lock``);
- :mod:`~toolkit.jobs.plan`: templates, merged catalogs, what memory fills, what is left;
- :mod:`~toolkit.jobs.hooks`: glossary enforcement before and after the engine;
- :mod:`~toolkit.jobs.pipeline`: the engine requests, chunk by chunk, and filling results;
- :mod:`~toolkit.jobs.translate`: :func:`translate_project`, which runs all of it.

Imports point up that list: translate uses the others, pipeline uses plan and hooks.
"""

from toolkit.jobs.hooks import (
    Hooks,
    Postprocess,
    Postprocessed,
    Preprocess,
    Retry,
    glossary_hooks,
    no_postprocess,
    no_preprocess,
    no_retry,
)
from toolkit.jobs.lock import LOCK_NAME, LockHolder, job_lock, lock_path, read_holder
from toolkit.jobs.pipeline import BATCHES_PER_CALL, DEFAULT_CHUNK, segments_per_call
from toolkit.jobs.translate import (
    INSTALL_HINT,
    JobSummary,
    Missing,
    Progress,
    ProgressCallback,
    Row,
    RowStatus,
    translate_project,
)

__all__ = [
    "BATCHES_PER_CALL",
    "DEFAULT_CHUNK",
    "INSTALL_HINT",
    "LOCK_NAME",
    "Hooks",
    "JobSummary",
    "LockHolder",
    "Missing",
    "Postprocess",
    "Postprocessed",
    "Preprocess",
    "Progress",
    "ProgressCallback",
    "Retry",
    "Row",
    "RowStatus",
    "glossary_hooks",
    "job_lock",
    "lock_path",
    "no_postprocess",
    "no_preprocess",
    "no_retry",
    "read_holder",
    "segments_per_call",
    "translate_project",
]
