"""Typed content models: what a content file may hold. Validation of their shape is pydantic's job."""

from .case_study import CaseStudy, Event, Figure
from .common import Infographic, Item, Source
from .guide import Guide
from .page import Page
from .site import Site
from .ui import Interface, Labels

__all__ = ["CaseStudy", "Event", "Figure", "Guide", "Infographic", "Item", "Page", "Site", "Source", "Interface", "Labels"]
