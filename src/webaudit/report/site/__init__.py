"""The district report: a static HTML site built from the results store (`webaudit report`).

Opens from disk with no server; no script, font or stylesheet is fetched (one inline stylesheet,
inline SVG charts), and a Content-Security-Policy forbids scripts besides. Every string that came
from a crawled page is escaped (see markup.py).
"""
from .builder import DEFAULTS, Built, build
from .history import ReportError

__all__ = ["build", "Built", "DEFAULTS", "ReportError"]
