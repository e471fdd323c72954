"""Render stage: pages, infographics and print documents, from validated content to files."""
