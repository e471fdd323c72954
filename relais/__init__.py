"""Relais: public emergency guidance from YAML to a multilingual site, infographics and leaflets."""

__version__ = "0.1.0"
