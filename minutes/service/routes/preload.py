"""What the job processes' fork server loads before it forks any of them.

Every job process is forked from one server process (multiprocessing's "forkserver",
safe beside the web server's threads) that has imported the work functions and run
one document through the pipeline. A job process therefore starts with spaCy, the
rule tables and the compiled grammar already built — a replaced process (after a job
ran out of time) is ready at once — and shares those pages with its siblings instead
of holding a copy each. ``gc.freeze()`` keeps the collector from writing to them.
"""
import gc

from ...errors import MinutesError
from .work import warm_up

try:
    warm_up()
except MinutesError:        # a broken installation: each job reports it, the fork server must not die of it
    pass
gc.freeze()
