"""Typed content models: what a content file may hold. Validation of their shape is pydantic's job."""

from relais.models.case_study import CaseStudy, Event, Figure
from relais.models.common import Infographic, Item, Source
from relais.models.guide import Guide
from relais.models.page import Page
from relais.models.relay import Post, Relay
from relais.models.site import Site
from relais.models.ui import Interface, Labels

__all__ = ["CaseStudy", "Event", "Figure", "Guide", "Infographic", "Item", "Page", "Post", "Relay", "Site", "Source", "Interface", "Labels"]
