"""The relay kit: ready-to-post messages for every network, counted the way each network counts them, each
paired with its image and alt text (``compose``), checked (``checks``) and bundled (``bundle``)."""
